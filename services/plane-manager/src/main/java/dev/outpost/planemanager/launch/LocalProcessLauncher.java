package dev.outpost.planemanager.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts job-runners as child processes of plane-manager (the embedded, one-machine mode), each with its output in a
 * log file of its own, and with an AOT cache when one is configured.
 */
public final class LocalProcessLauncher implements JobRunnerLauncher, AutoCloseable {

    /** How long stopping waits for a runner that trains the AOT cache (writing it takes some 5 s). */
    private static final Duration TRAINING_PATIENCE = Duration.ofSeconds(15);

    private final List<String> command;
    private final Path logDir;
    private final Optional<AotCache> aotCache;
    private final AtomicLong launched = new AtomicLong();

    /**
     * @param command starts one job-runner; its first element is the {@code java} executable (JVM options go after it)
     * @param aotCache the AOT cache the runners share (JDK 25 or later only), if any
     */
    public LocalProcessLauncher(List<String> command, Path logDir, Optional<Path> aotCache) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("outpost.launcher.local.command is empty: set it to the command that "
                    + "starts one job-runner, e.g. java,-jar,/path/to/job-runner/quarkus-run.jar");
        }
        this.command = List.copyOf(command);
        this.logDir = logDir;
        this.aotCache = aotCache.map(AotCache::new);
    }

    @Override
    public RunningRunner launch() {
        Path log = logDir.resolve("job-runner-" + launched.incrementAndGet() + ".log");
        AotCache.Use cache = aotCache.map(AotCache::next).orElse(AotCache.Use.NONE);
        List<String> runner = new ArrayList<>(command);
        cache.option().ifPresent(option -> runner.add(1, option));
        try {
            Files.createDirectories(logDir);
            Process process = new ProcessBuilder(runner)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new LocalRunner(process, process.onExit().thenApply(gone -> {
                cache.exited().accept(gone.exitValue());
                return gone.exitValue();
            }));
        } catch (IOException e) {
            cache.exited().accept(-1);
            throw new UncheckedIOException("Could not start a job-runner with " + runner + ": " + e.getMessage(), e);
        }
    }

    /** Waits for a runner that trains the AOT cache, so that what it trained is kept (runners are told to stop first). */
    @Override
    public void close() {
        aotCache.ifPresent(cache -> cache.awaitTraining(TRAINING_PATIENCE));
    }

    /** @param exit completes with the exit code once the process is gone and the AOT cache has seen it go */
    private record LocalRunner(Process process, CompletableFuture<Integer> exit) implements RunningRunner {

        @Override
        public String name() {
            return "pid " + process.pid();
        }

        @Override
        public void stop() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }
}
