package dev.outpost.runner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.outpost.testsupport.KeyFileTestResource;
import dev.outpost.testsupport.S3TestResource;
import dev.outpost.testsupport.SqsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
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
}
