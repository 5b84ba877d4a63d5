package dev.outpost.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * The state directory of a mesh: where everything lives, and what it takes for one mesh at a time to own it.
 *
 * <pre>
 * logs/&lt;service&gt;.log          each service's output
 * logs/job-runners/              one log per job-runner
 * run/mesh.lock                  locked while a mesh uses the directory
 * run/services.pid               the services started from it: pid, start time (epoch ms), service
 * work/&lt;service&gt;/               each service's working directory
 * work/job-runner/workspaces/    where job-runners copy a job's data
 * keys/customer.key              the customer key
 * tls/                           the local CA and control-api's certificate (kept, so clients keep trusting it)
 * s3/                            the local S3's buckets
 * postgres/                      the control plane's database, new on every start
 * </pre>
 *
 * <p>A run killed outright (kill -9) stops nothing it started; the pid file and PostgreSQL's own {@code
 * postmaster.pid} are how the next start finds those processes and stops them.
 */
final class StateDirectory {

    private static final Logger LOG = Logger.getLogger(StateDirectory.class);

    private final Path root;
    private final Consumer<String> progress;
    private final Duration stopGrace;

    /**
     * @param root      the state directory, absolute
     * @param progress  receives a line, for a person to read, when processes of an earlier run are stopped
     * @param stopGrace how long such a process may take to stop before it is killed
     */
    StateDirectory(Path root, Consumer<String> progress, Duration stopGrace) {
        this.root = root;
        this.progress = progress;
        this.stopGrace = stopGrace;
    }

    Path logFile(OutpostService service) {
        return logDir().resolve(service.serviceName() + ".log");
    }

    Path jobRunnerLogDir() {
        return logDir().resolve("job-runners");
    }

    Path workDir(OutpostService service) {
        return root.resolve("work").resolve(service.serviceName());
    }

    Path runnerWorkspaces() {
        return workDir(OutpostService.JOB_RUNNER).resolve("workspaces");
    }

    /** Where job-runners keep the AOT cache they share ({@link RunnerAotCache}). */
    Path runnerAotCaches() {
        return workDir(OutpostService.JOB_RUNNER).resolve("aot-cache");
    }

    Path keyFile() {
        return root.resolve("keys").resolve("customer.key");
    }

    Path tlsDir() {
        return root.resolve("tls");
    }

    Path s3Dir() {
        return root.resolve("s3");
    }

    private Path logDir() {
        return root.resolve("logs");
    }

    private Path runDir() {
        return root.resolve("run");
    }

    private Path pidFile() {
        return runDir().resolve("services.pid");
    }

    private Path postgresData() {
        return root.resolve("postgres");
    }

    /** Creates the directories the services write into. */
    void createDirectories() {
        try {
            Files.createDirectories(jobRunnerLogDir());
            Files.createDirectories(runDir());
            for (OutpostService service : OutpostService.values()) {
                Files.createDirectories(workDir(service));
            }
            Files.createDirectories(runnerWorkspaces());
        } catch (IOException e) {
            throw new MeshException("cannot create the state directory " + root + ": " + e, e);
        }
    }

    /**
     * Takes the lock that keeps a second mesh, in this or another JVM, off the directory.
     *
     * @return what holds the lock: closing it releases the lock
     * @throws MeshException when another mesh holds the lock
     */
    AutoCloseable lock() {
        Path lockFile = runDir().resolve("mesh.lock");
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock;
            try {
                fileLock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                fileLock = null;
            }
            if (fileLock == null) {
                channel.close();
                throw new MeshException("another Outpost is running with the state directory " + root
                        + " (./outpost up in another terminal?); stop it, or pick another one with --state-dir");
            }
            return channel;
        } catch (IOException e) {
            throw new MeshException("cannot lock the state directory " + root + ": " + e, e);
        }
    }

    /** Records the started services, replacing the pid file, so that the next start can stop them. */
    void writePidFile(List<ServiceProcess> services) {
        String lines = services.stream()
                .map(service -> service.process().pid() + " " + service.startInstant().map(Instant::toEpochMilli)
                        .orElse(0L) + " " + service.service())
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Files.writeString(pidFile(), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warnf("Cannot write pid file %s: %s", pidFile(), e);
        }
    }

    void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            LOG.warnf("Cannot delete pid file %s: %s", pidFile(), e);
        }
    }

    /** Stops services a killed earlier run left behind, as its pid file lists them, and everything they started. */
    void stopLeftovers() {
        Path pidFile = pidFile();
        if (!Files.exists(pidFile)) {
            return;
        }
        List<ProcessHandle> leftovers = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(pidFile, StandardCharsets.UTF_8)) {
                String[] fields = line.split(" ");
                if (fields.length < 2) {
                    continue;
                }
                long startMillis = Long.parseLong(fields[1]);
                // Pids are reused: only a process with the recorded start time is the one we started.
                ProcessHandle.of(Long.parseLong(fields[0]))
                        .filter(handle -> handle.info().startInstant()
                                .map(start -> start.toEpochMilli() == startMillis).orElse(false))
                        .ifPresent(handle -> {
                            handle.descendants().forEach(leftovers::add);
                            leftovers.add(handle);
                        });
            }
            Files.delete(pidFile);
        } catch (IOException | NumberFormatException e) {
            LOG.warnf("Ignoring unreadable pid file %s: %s", pidFile, e);
        }
        if (!leftovers.isEmpty()) {
            progress.accept("  stopping " + leftovers.size() + " processes left over by an earlier run");
            leftovers.forEach(ProcessHandle::destroy);
            for (ProcessHandle handle : leftovers) {
                try {
                    handle.onExit().get(stopGrace.toSeconds(), TimeUnit.SECONDS);
                } catch (Exception e) {
                    handle.destroyForcibly();
                }
            }
        }
    }

    /**
     * An empty place for the control plane's database: a PostgreSQL server a killed earlier run left on it is stopped
     * and the old database deleted.
     *
     * <p>It is in the state directory rather than a temporary one so that a run killed outright leaves its
     * postmaster.pid where the next start looks for it.
     *
     * @return the data directory, which no longer exists
     */
    Path freshPostgresData() {
        Path dataDir = postgresData();
        stopLeftoverPostgres(dataDir);
        deleteRecursively(dataDir);
        return dataDir;
    }

    /** Deletes the control plane's database; its server must have stopped. */
    void deletePostgresData() {
        deleteRecursively(postgresData());
    }

    private void stopLeftoverPostgres(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            long pid = Long.parseLong(lines.getFirst().strip());
            // Pids are reused: only a postgres serving this very directory is ours.
            Optional<ProcessHandle> server = ProcessHandle.of(pid)
                    .filter(handle -> handle.info().command().map(command -> command.endsWith("postgres"))
                            .orElse(false))
                    .filter(handle -> lines.size() > 1 && Path.of(lines.get(1).strip()).equals(dataDir));
            if (server.isPresent()) {
                progress.accept("  stopping the PostgreSQL server left over by an earlier run");
                server.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients are gone
                server.get().onExit().get(stopGrace.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (IOException | RuntimeException | ExecutionException | TimeoutException e) {
            LOG.warnf("Could not stop the PostgreSQL server of %s: %s", dataDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshException("interrupted while stopping a leftover PostgreSQL server", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new MeshException("cannot delete " + dir + ": " + e.getMessage()
                    + "; delete it yourself, or use another --state-dir", e);
        }
    }
}
