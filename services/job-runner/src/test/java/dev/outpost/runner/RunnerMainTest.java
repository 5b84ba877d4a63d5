package dev.outpost.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import dev.outpost.testsupport.KeyFileTestResource;
import dev.outpost.testsupport.S3TestResource;
import dev.outpost.testsupport.SqsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** The process contract plane-manager's launcher relies on: a runner with no job to take exits 0, promptly. */
@QuarkusMainTest
@WithTestResource(SqsTestResource.class)
@WithTestResource(S3TestResource.class)
@WithTestResource(KeyFileTestResource.class)
class RunnerMainTest {

    @Test
    @Launch
    void exitsCleanlyWhenAnotherRunnerTookTheJob(LaunchResult result) {
        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput()).contains("No job waiting after 2 s");
    }

    /** A drivers zip that fails its SHA-256 check stops the runner before it takes a job, naming both checksums. */
    @Test
    void stopsAtStartupWhenTheDriversZipDoesNotMatchItsChecksum(QuarkusMainLauncher launcher) throws IOException {
        var zip = Files.createTempFile("drivers", ".zip");
        Files.writeString(zip, "not the zip whose checksum was configured");
        var expected = "0".repeat(64);
        System.setProperty("outpost.drivers.source", zip.toUri().toString());
        System.setProperty("outpost.drivers.sha256", expected);
        try {
            LaunchResult result = launcher.launch();
            assertThat(result.exitCode()).isNotZero();
            assertThat(result.getOutput() + result.getErrorOutput()).contains("does not match its SHA-256")
                    .contains("expected " + expected).doesNotContain("No job waiting");
        } finally {
            System.clearProperty("outpost.drivers.source");
            System.clearProperty("outpost.drivers.sha256");
            Files.delete(zip);
        }
    }
}
