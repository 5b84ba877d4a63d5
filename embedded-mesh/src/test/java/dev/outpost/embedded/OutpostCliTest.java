package dev.outpost.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutpostCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path temp;

    @Test
    void helpPrintsUsageAndSucceeds() {
        assertThat(run("help")).isZero();
        assertThat(out()).contains("Usage: ./outpost <command>");
    }

    @Test
    void aWrongCommandLineExitsWithTwoAndPointsAtHelp() {
        assertThat(run("deploy")).isEqualTo(2);
        assertThat(err()).contains("unknown command 'deploy'", "./outpost help").doesNotContain("Exception");
    }

    @Test
    void aMissingDataFileIsReportedBeforeAnythingStarts() {
        assertThat(run("demo", "--data", temp.resolve("nope.csv").toString(), "--state-dir",
                temp.resolve("state").toString())).isEqualTo(1);
        assertThat(err()).contains("nope.csv does not exist").doesNotContain("at dev.outpost");
        assertThat(temp.resolve("state")).doesNotExist();
    }

    @Test
    void missingServiceJarsAreNamedWithTheBuildCommand() {
        String home = System.getProperty(OutpostCli.HOME_PROPERTY);
        System.setProperty(OutpostCli.HOME_PROPERTY, temp.toString());
        try {
            assertThat(run("up", "--state-dir", temp.resolve("state").toString())).isEqualTo(1);
        } finally {
            if (home == null) {
                System.clearProperty(OutpostCli.HOME_PROPERTY);
            } else {
                System.setProperty(OutpostCli.HOME_PROPERTY, home);
            }
        }
        assertThat(err()).contains("control-api", "job-runner", "quarkus-run.jar", "./mvnw -DskipTests package")
                .doesNotContain("at dev.outpost");
    }

    @Test
    void theRepositoryRootIsFoundFromTheBuildOutput() {
        String home = System.getProperty(OutpostCli.HOME_PROPERTY);
        System.clearProperty(OutpostCli.HOME_PROPERTY);
        try {
            // Tests run from embedded-mesh/target/test-classes, next to target/classes.
            assertThat(OutpostCli.repoRoot().resolve("embedded-mesh").resolve("pom.xml")).exists();
        } finally {
            if (home != null) {
                System.setProperty(OutpostCli.HOME_PROPERTY, home);
            }
        }
        assertThat(Files.isDirectory(OutpostCli.repoRoot().resolve("services"))).isTrue();
    }

    private int run(String... args) {
        return OutpostCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
