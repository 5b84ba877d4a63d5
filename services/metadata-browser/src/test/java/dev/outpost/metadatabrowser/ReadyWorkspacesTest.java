package dev.outpost.metadatabrowser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.outpost.dq.scan.DataSet;
import dev.outpost.dq.scan.DataUnreadableException;
import dev.outpost.dq.scan.DuckDbWorkspace;

/**
 * DuckDB workspaces opened ahead of requests: each request has its own folder, gone with the request, and a DuckDB no
 * other request uses at the same time; a DuckDB serves the next request only once the last one's folder is gone.
 */
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

    @Test
    void theNextRequestGetsTheSameDuckDbWithANewFolderAndNeverTheLastOnesData() throws IOException {
        Path earlierCopy;
        DuckDbWorkspace duckDb;
        try (ReadyWorkspaces.Workspace earlier = workspaces.take()) {
            earlierCopy = Files.writeString(earlier.directory().resolve("object-0.csv"), "id,name\n1,a\n");
            assertThat(earlier.duckDb().describe(DataSet.csv(List.of(earlierCopy)))).hasSize(2);
            duckDb = earlier.duckDb();
        }
        try (ReadyWorkspaces.Workspace later = workspaces.take()) {
            Path copy = Files.writeString(later.directory().resolve("object-0.csv"), "id,name,email\n1,a,b\n");

            assertThat(later.duckDb()).isSameAs(duckDb);
            assertThat(earlierCopy.getParent()).doesNotExist();
            assertThat(later.directory()).isNotEqualTo(earlierCopy.getParent());
            assertThat(later.duckDb().describe(DataSet.csv(List.of(copy)))).hasSize(3);
            assertThatThrownBy(() -> later.duckDb().describe(DataSet.csv(List.of(earlierCopy))))
                    .isInstanceOf(DataUnreadableException.class);
        }
    }

    @Test
    void duckDbsBeyondTheSpareOnesAreClosedWithTheirDirectoryWhenTheirRequestEnds() {
        List<ReadyWorkspaces.Workspace> atOnce = IntStream.range(0, ReadyWorkspaces.SPARE + 1)
                .mapToObj(i -> workspaces.take()).toList();
        List<Path> engineDirectories = atOnce.stream().map(w -> w.directory().getParent()).toList();

        atOnce.forEach(ReadyWorkspaces.Workspace::close);

        assertThat(engineDirectories).doesNotHaveDuplicates();
        assertThat(engineDirectories.subList(0, ReadyWorkspaces.SPARE))
                .allSatisfy(kept -> assertThat(kept).isEmptyDirectory());
        assertThat(engineDirectories.getLast()).doesNotExist();
        workspaces.stop();
        assertThat(engineDirectories).allSatisfy(closed -> assertThat(closed).doesNotExist());
    }
}
