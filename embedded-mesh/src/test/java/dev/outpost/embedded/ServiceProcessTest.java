package dev.outpost.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

    @TempDir
    Path temp;

    @Test
    void tailKeepsTheLastLines() throws Exception {
        Path log = temp.resolve("x.log");
        Files.writeString(log, IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i)
                .collect(Collectors.joining("\n")));
        assertThat(ServiceProcess.tail(log, 3)).isEqualTo("line 98\nline 99\nline 100");
        assertThat(ServiceProcess.tail(temp.resolve("none.log"), 3)).isEqualTo("(no log written)");
    }

    @Test
    void freePortsAreDistinct() {
        int[] ports = Mesh.freePorts(4);
        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(4);
        assertThat(Arrays.stream(ports).min().orElseThrow()).isPositive();
    }

    @Test
    void pollingGivesUpAtTheDeadlineWithWhatItWaitedFor() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> Poll.until("godot", Duration.ofMillis(300), Duration.ofMillis(50), Optional::empty,
                () -> {
                })).isInstanceOf(MeshException.class).hasMessage("timed out after 0.3 s waiting for godot");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(250),
                Duration.ofSeconds(5));
    }

    @Test
    void pollingStopsAtOnceWhenWaitingIsNoLongerWorthIt() {
        assertThatThrownBy(() -> Poll.until("godot", Duration.ofMinutes(5), Duration.ofMillis(50), Optional::empty,
                () -> {
                    throw new MeshException("godot died");
                })).hasMessage("godot died");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void stoppingAProcessStopsWhatItStartedAndKillsWhatIgnoresTheRequest() throws Exception {
        Process polite = new ProcessBuilder("sh", "-c", "sleep 300 & wait").start();
        Process stubborn = new ProcessBuilder("sh", "-c", "trap '' TERM; while true; do sleep 0.2; done").start();
        List<ProcessHandle> children = Poll.until("the shells to start their sleeps", Duration.ofSeconds(10),
                Duration.ofMillis(20), () -> {
                    List<ProcessHandle> found = polite.descendants().toList();
                    return found.isEmpty() ? Optional.empty() : Optional.of(found);
                }, () -> {
                });

        ServiceProcess.stopAll(List.of(polite, stubborn), Duration.ofSeconds(1));

        assertThat(polite.isAlive()).isFalse();
        assertThat(stubborn.isAlive()).isFalse();
        assertThat(children).allSatisfy(child -> assertThat(child.isAlive()).isFalse());
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void killingAProcessLeavesWhatItStartedRunningAndCannotBeStartedAgainByTheMesh() throws Exception {
        Process parent = new ProcessBuilder("sh", "-c", "sleep 300 & wait").start();
        ServiceProcess service = new ServiceProcess(OutpostService.PLANE_MANAGER, parent, temp.resolve("pm.log"), 0);
        Poll.until("the shell to start its sleep", Duration.ofSeconds(10), Duration.ofMillis(20),
                () -> parent.descendants().findAny(), () -> {
                });

        List<ProcessHandle> survivors = service.kill();
        try {
            assertThat(parent.isAlive()).isFalse();
            assertThat(survivors).as("the sleep the shell started").hasSize(1)
                    .allSatisfy(child -> assertThat(child.isAlive()).isTrue());
            assertThatThrownBy(() -> service.startAgain(Map.of()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("was not started by the mesh");
        } finally {
            ServiceProcess.stopHandles(survivors, Duration.ofSeconds(5));
        }
        assertThat(survivors).allSatisfy(child -> assertThat(child.isAlive()).isFalse());
    }
}
