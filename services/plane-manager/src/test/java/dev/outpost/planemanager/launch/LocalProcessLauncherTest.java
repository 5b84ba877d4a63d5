package dev.outpost.planemanager.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real child JVMs (the JDK running the tests) sharing an AOT cache: the first one trains it, later ones start with it.
 * The cache's tests need JDK 25, which the project's CI runs on; on an older JDK they are skipped, saying why.
 */
class LocalProcessLauncherTest {

    @TempDir
    Path directory;

    @Test
    void theFirstRunnerTrainsTheAotCacheAndLaterOnesStartWithIt() throws Exception {
        requireAotCaches();
        Path cache = directory.resolve("cache/runner.aot");
        Path release = directory.resolve("release");
        LocalProcessLauncher launcher = launcher(cache, release.toString());

        RunningRunner trainer = launcher.launch();
        // While the first trains, the next starts without a cache rather than train a second one.
        RunningRunner meanwhile = launcher.launch();
        Files.createFile(release);

        assertThat(trainer.exit().get(2, TimeUnit.MINUTES)).isZero();
        assertThat(meanwhile.exit().get(2, TimeUnit.MINUTES)).isZero();
        assertThat(log(1)).contains("-XX:AOTCacheOutput=" + cache + ".training-");
        assertThat(log(2)).doesNotContain("-XX:AOTCache");
        assertThat(cache).isRegularFile();
        assertThat(leftovers(cache)).isEmpty();

        RunningRunner later = launcher.launch();

        assertThat(later.exit().get(2, TimeUnit.MINUTES)).isZero();
        // A cache the JVM cannot use (another JDK, another class path) would cost it a warning in its output.
        assertThat(log(3)).isEqualTo("JVM options: [-XX:AOTCache=" + cache + "]" + System.lineSeparator());
    }

    @Test
    void closingWaitsForTheRunnerThatTrainsSoThatItsCacheIsKept() throws Exception {
        requireAotCaches();
        Path cache = directory.resolve("runner.aot");
        Path release = directory.resolve("release");
        LocalProcessLauncher launcher = launcher(cache, release.toString());
        RunningRunner trainer = launcher.launch();
        Files.createFile(release);

        launcher.close();

        // In place when close() returns: the trainer had the cache still to write when it was asked.
        assertThat(cache).isRegularFile();
        assertThat(trainer.exit().get(2, TimeUnit.MINUTES)).isZero();
    }

    @Test
    void aRunnerThatFailsLeavesNoCacheAndTheNextOneTrainsAgain() throws Exception {
        requireAotCaches();
        Path cache = directory.resolve("runner.aot");
        Path release = Files.createFile(directory.resolve("release"));

        RunningRunner failed = launcher(cache, release.toString(), "3").launch();

        assertThat(failed.exit().get(2, TimeUnit.MINUTES)).isEqualTo(3);
        assertThat(cache).doesNotExist();
        assertThat(leftovers(cache)).isEmpty();

        LocalProcessLauncher again = launcher(cache, release.toString());
        assertThat(again.launch().exit().get(2, TimeUnit.MINUTES)).isZero();
        assertThat(log(1)).containsPattern("(?s)AOTCacheOutput.*AOTCacheOutput");
        assertThat(cache).isRegularFile();
    }

    @Test
    void runnersStartWithoutACacheWhenNoneIsConfigured() throws Exception {
        LocalProcessLauncher launcher = new LocalProcessLauncher(command(), directory.resolve("logs"),
                Optional.empty());

        assertThat(launcher.launch().exit().get(2, TimeUnit.MINUTES)).isZero();
        assertThat(log(1)).contains("JVM options: [").doesNotContain("AOTCache");
    }

    /** AOT caches written by one training run came with JDK 25 (JEP 514); the build runs on JDK 21 or newer. */
    private static void requireAotCaches() {
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25; these tests run on "
                + Runtime.version());
    }

    private LocalProcessLauncher launcher(Path cache, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(command());
        command.addAll(List.of(arguments));
        return new LocalProcessLauncher(command, directory.resolve("logs"), Optional.of(cache));
    }

    /** Runs {@link TrainingRunner} from a jar of its own: an AOT cache's class path holds jars only. */
    private List<String> command() throws IOException {
        Path jar = directory.resolve("training-runner.jar");
        if (!Files.exists(jar)) {
            String entry = TrainingRunner.class.getName().replace('.', '/') + ".class";
            try (InputStream in = TrainingRunner.class.getClassLoader().getResourceAsStream(entry);
                    JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                out.putNextEntry(new JarEntry(entry));
                in.transferTo(out);
            }
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", jar.toString(),
                TrainingRunner.class.getName());
    }

    private String log(int runner) throws Exception {
        return Files.readString(directory.resolve("logs/job-runner-" + runner + ".log"));
    }

    private static List<Path> leftovers(Path cache) throws Exception {
        try (Stream<Path> files = Files.list(cache.getParent())) {
            return files.filter(f -> f.getFileName().toString().contains(".training-")).toList();
        }
    }
}
