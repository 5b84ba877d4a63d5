package dev.outpost.dq.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretReferenceTest {

    @TempDir
    Path directory;

    @Test
    void resolvesAnEnvironmentVariableOnTheEdge() {
        SecretReference reference = SecretReference.parse("env:ORDERS_DB_PASSWORD");

        assertThat(reference.resolve(Map.of("ORDERS_DB_PASSWORD", "s3cret")::get)).isEqualTo("s3cret");
        assertThat(reference).hasToString("env:ORDERS_DB_PASSWORD");
    }

    @Test
    void resolvesAFileDroppingOneTrailingLineBreak() throws Exception {
        Path file = Files.writeString(directory.resolve("password"), "s3cret \n");

        assertThat(SecretReference.parse("file:" + file).resolve()).isEqualTo("s3cret ");
    }

    @Test
    void saysWhichReferenceCannotBeResolvedWithoutTheSecret() {
        assertThatThrownBy(() -> SecretReference.parse("env:MISSING").resolve(Map.<String, String>of()::get))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessage("environment variable MISSING is not set on the edge; set it in the job-runner's"
                        + " environment (e.g. from a Kubernetes Secret)");
        assertThatThrownBy(() -> SecretReference.parse("file:" + directory.resolve("absent")).resolve())
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageStartingWith("secret file " + directory.resolve("absent") + " cannot be read on the edge");
    }

    @Test
    void rejectsReferencesThatAreNotEnvOrAbsoluteFiles() {
        assertThatThrownBy(() -> SecretReference.parse("hunter2"))
                .hasMessage("secret reference 'hunter2' must start with env: or file:, e.g. env:ORDERS_DB_PASSWORD or"
                        + " file:/var/run/secrets/orders-db/password");
        assertThatThrownBy(() -> SecretReference.parse("env:A-B")).hasMessageContaining("names no valid environment");
        assertThatThrownBy(() -> SecretReference.parse("file:relative/pw")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> SecretReference.parse("file:/run/../etc/shadow")).hasMessageContaining("normalised");
    }
}
