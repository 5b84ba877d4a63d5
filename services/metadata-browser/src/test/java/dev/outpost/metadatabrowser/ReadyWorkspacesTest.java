package dev.outpost.metadatabrowser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.outpost.dq.scan.DataSet;
import dev.outpost.dq.scan.DataUnreadableException;

/** Workspaces opened ahead of requests: one per request, locked to its own directory, gone with the request. */
class ReadyWorkspacesTest {

    private final ReadyWorkspaces workspaces = new ReadyWorkspaces();

    @BeforeAll
    static void registerDuckDb() throws ClassNotFoundException {
        // Outside Quarkus, after the module's Quarkus tests: DriverManager loaded its drivers once, through
        // Quarkus's class loader, so this class loader's DuckDB driver has to register itself.
        Class.forName("org.duckdb.DuckDBDriver");
    }

    @AfterEach
    void stop() {
        workspaces.stop();
    }

    @Test
    void eachRequestGetsItsOwnLockedDownWorkspaceWhichIsDeletedWithIt() throws IOException {
        workspaces.prepare(null);
        Path outside = Files.createTempFile("outside", ".csv");
        Files.writeString(outside, "id\n1\n");
        ReadyWorkspaces.Workspace first = workspaces.take();
        try (ReadyWorkspaces.Workspace second = workspaces.take()) {
            Path copy = Files.writeString(first.directory().resolve("object-0.csv"), "id,name\n1,a\n");

            assertThat(first.directory()).isNotEqualTo(second.directory());
            assertThat(second.directory()).isEmptyDirectory();
            assertThat(first.duckDb().describe(DataSet.csv(List.of(copy)))).hasSize(2);
            assertThatThrownBy(() -> second.duckDb().describe(DataSet.csv(List.of(copy))))
                    .isInstanceOf(DataUnreadableException.class);
            assertThatThrownBy(() -> first.duckDb().describe(DataSet.csv(List.of(outside))))
                    .isInstanceOf(DataUnreadableException.class);
            first.close();
            assertThat(first.directory()).doesNotExist();
        } finally {
            Files.deleteIfExists(first.directory().resolve("object-0.csv"));
            Files.delete(outside);
        }
    }
}
