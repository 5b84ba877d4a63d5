package dev.outpost.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {

    @TempDir
    Path temp;

    private final List<String> progress = new ArrayList<>();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        ServiceProcess.stopAll(started, Duration.ofSeconds(5));
    }

    @Test
    void aSecondHolderIsRefusedTheLockUntilTheFirstReleasesIt() throws Exception {
        StateDirectory state = stateDirectory();
        state.createDirectories();
        AutoCloseable held = state.lock();

        assertThatThrownBy(() -> stateDirectory().lock()).isInstanceOf(MeshException.class)
                .hasMessage("another Outpost is running with the state directory " + temp
                        + " (./outpost up in another terminal?); stop it, or pick another one with --state-dir");

        held.close();
        stateDirectory().lock().close();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void theNextStartStopsTheServicesOfARunKilledOutrightAndWhatTheyStarted() throws Exception {
        StateDirectory killedRun = stateDirectory();
        killedRun.createDirectories();
        Process service = start("sleep 300 & wait");
        ProcessHandle child = Poll.until("the shell to start its sleep", Duration.ofSeconds(10),
                Duration.ofMillis(20), () -> service.descendants().findFirst(), () -> {
                });
        killedRun.writePidFile(List.of(new ServiceProcess(OutpostService.CONTROL_API, service,
                temp.resolve("control-api.log"), 0)));

        stateDirectory().stopLeftovers();

        assertThat(service.isAlive()).isFalse();
        assertThat(child.isAlive()).isFalse();
        assertThat(progress).containsExactly("  stopping 2 processes left over by an earlier run");
        assertThat(temp.resolve("run").resolve("services.pid")).doesNotExist();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aPidReusedByAProcessStartedAtAnotherTimeIsLeftAlone() throws Exception {
        StateDirectory state = stateDirectory();
        state.createDirectories();
        Process stranger = start("sleep 300");
        long startMillis = stranger.info().startInstant().orElseThrow().toEpochMilli();
        Path pidFile = temp.resolve("run").resolve("services.pid");
        Files.writeString(pidFile, stranger.pid() + " " + (startMillis - 1000) + " control-api\n");

        state.stopLeftovers();

        assertThat(stranger.isAlive()).isTrue();
        assertThat(progress).isEmpty();
        assertThat(pidFile).doesNotExist();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aPostmasterPidNamingAProcessOtherThanPostgresStopsNothingAndTheOldDatabaseIsDeleted() throws Exception {
        Path dataDir = temp.resolve("postgres");
        Files.createDirectories(dataDir.resolve("base"));
        Files.writeString(dataDir.resolve("base").resolve("1"), "old rows");
        Process stranger = start("sleep 300");
        Files.writeString(dataDir.resolve("postmaster.pid"), stranger.pid() + "\n" + dataDir + "\n");

        assertThat(stateDirectory().freshPostgresData()).isEqualTo(dataDir).doesNotExist();

        assertThat(stranger.isAlive()).isTrue();
        assertThat(progress).isEmpty();
    }

    private StateDirectory stateDirectory() {
        return new StateDirectory(temp, progress::add, Duration.ofSeconds(5));
    }

    private Process start(String script) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", script).start();
        started.add(process);
        return process;
    }
}
