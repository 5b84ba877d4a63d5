package dev.outpost.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.outpost.testsupport.KeyFileTestResource;
import dev.outpost.testsupport.PostgresTestResource;
import dev.outpost.testsupport.S3TestResource;
import dev.outpost.testsupport.SqsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The warm-up's steps, run on the test's thread so that a failure shows (in a runner they fail quietly). */
@QuarkusTest
@WithTestResource(SqsTestResource.class)
@WithTestResource(S3TestResource.class)
@WithTestResource(KeyFileTestResource.class)
@WithTestResource(PostgresTestResource.class)
class WarmupTest {

    @Inject
    Warmup warmup;

    @ConfigProperty(name = "outpost.runner.workspace-root")
    Path workspaceRoot;

    @Test
    void scansInAWorkspaceOfItsOwnUnderTheRootAndDeletesIt() {
        Path workspace = warmup.engine();

        assertThat(workspace.getParent()).isEqualTo(workspaceRoot.toAbsolutePath().normalize());
        assertThat(workspace.getFileName().toString()).startsWith(Warmup.WORKSPACE_PREFIX);
        assertThat(workspace).doesNotExist();
    }

    @Test
    void listsAnEmptyFolderOfTheResultsBucket() {
        assertThat(warmup.s3()).isZero();
    }
}
