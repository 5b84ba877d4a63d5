package dev.outpost.planemanager.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** Starts job-runners as child processes of plane-manager (the embedded, one-machine mode). */
public final class LocalProcessLauncher implements JobRunnerLauncher {

    private final List<String> command;
    private final Path logDir;
    private final AtomicLong launched = new AtomicLong();

    public LocalProcessLauncher(List<String> command, Path logDir) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("outpost.launcher.local.command is empty: set it to the command that "
                    + "starts one job-runner, e.g. java,-jar,/path/to/job-runner/quarkus-run.jar");
        }
        this.command = List.copyOf(command);
        this.logDir = logDir;
    }

    @Override
    public RunningRunner launch() {
        Path log = logDir.resolve("job-runner-" + launched.incrementAndGet() + ".log");
        try {
            Files.createDirectories(logDir);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new LocalRunner(process);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start a job-runner with " + command + ": " + e.getMessage(), e);
        }
    }

    private record LocalRunner(Process process) implements RunningRunner {

        @Override
        public String name() {
            return "pid " + process.pid();
        }

        @Override
        public CompletableFuture<Integer> exit() {
            return process.onExit().thenApply(Process::exitValue);
        }

        @Override
        public void stop() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }
}
