package dev.outpost.embedded;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.outpost.pki.TlsFiles;

/**
 * One service of the mesh running as a child process, its output appended to a log file.
 *
 * <p>Settings that every process of the compute plane needs, including the job-runners plane-manager starts, travel
 * as environment variables (children inherit them); settings of this one process (its port, its edge id) travel as
 * {@code -D} system properties, which Quarkus ranks above the environment and children do not inherit. Secrets never
 * go on the command line, where other users of the machine could read them.
 */
final class ServiceProcess {

    private static final Logger LOG = Logger.getLogger(ServiceProcess.class);

    private static final int TAIL_BYTES = 16 * 1024;
    private static final HttpClient PLAIN = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final OutpostService service;
    private final Process process;
    private final Path logFile;
    private final int port;
    /** The client that reaches the service: TLS trusting the local CA for a TLS service, plain otherwise. */
    private final HttpClient http;
    private final String scheme;
    /** How the process was started, to start it again alike; null for a process started elsewhere. */
    private final Launch launch;

    ServiceProcess(OutpostService service, Process process, Path logFile, int port) {
        this(service, process, logFile, port, null, null);
    }

    private ServiceProcess(OutpostService service, Process process, Path logFile, int port, TlsFiles tls,
            Launch launch) {
        this.service = service;
        this.process = process;
        this.logFile = logFile;
        this.port = port;
        this.launch = launch;
        this.http = tls == null ? PLAIN
                : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).sslContext(tls.clientContext()).build();
        this.scheme = tls == null ? "http" : "https";
    }

    /**
     * Starts a service: {@code java [jvmOptions] -jar <jar>}, with the same JVM that runs the mesh.
     *
     * @param service      which one
     * @param jar          its quarkus-run.jar
     * @param port         its HTTP port on 127.0.0.1 (its HTTPS port when {@code tls} is given)
     * @param tls          the local CA's files when the service serves TLS only (its certificate is configured
     *                     through {@code environment}); null for a plain HTTP service
     * @param properties   system properties for this process only (no secrets: the command line is public)
     * @param environment  environment variables to add to the inherited ones
     * @param workDir      its working directory
     * @param logFile      where its stdout and stderr are appended
     */
    static ServiceProcess start(OutpostService service, Path jar, int port, TlsFiles tls,
            Map<String, String> properties, Map<String, String> environment, Path workDir, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add((tls == null ? "-Dquarkus.http.port=" : "-Dquarkus.http.ssl-port=") + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "==== " + Instant.now() + " outpost starts " + service + ": "
                    + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            LOG.infof("Started %s (pid %d) on port %d, logging to %s", service, process.pid(), port, logFile);
            return new ServiceProcess(service, process, logFile, port, tls,
                    new Launch(jar, tls, Map.copyOf(properties), Map.copyOf(environment), workDir));
        } catch (IOException e) {
            throw new MeshException("could not start " + service + " (" + jar + "): " + e.getMessage(), e);
        }
    }

    /**
     * Starts the service again as it was started, on the same port and with the same settings, after its process
     * ended (a restart after a crash keeps the address its peers know).
     *
     * @param overrides system properties to set on top of the earlier ones; the new process keeps them for its own
     *                  restarts
     * @throws IllegalStateException when the process still runs, or was not started by {@link #start}
     */
    ServiceProcess startAgain(Map<String, String> overrides) {
        if (launch == null) {
            throw new IllegalStateException(service + " (pid " + process.pid() + ") was not started by the mesh");
        }
        if (process.isAlive()) {
            throw new IllegalStateException(service + " (pid " + process.pid() + ") still runs: stop or kill it "
                    + "before starting it again");
        }
        Map<String, String> properties = new LinkedHashMap<>(launch.properties());
        properties.putAll(overrides);
        return start(service, launch.jar(), port, launch.tls(), properties, launch.environment(), launch.workDir(),
                logFile);
    }

    /**
     * Kills the process outright (SIGKILL), as a crash or an out-of-memory kill would: it cannot clean up or say
     * goodbye to its peers, and the processes it started keep running.
     *
     * @return the processes it had started, which outlive it
     * @throws MeshException when it is still alive 10 s later
     */
    List<ProcessHandle> kill() {
        List<ProcessHandle> survivors = process.descendants().toList();
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new MeshException(service + " (pid " + process.pid() + ") survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshException("interrupted while killing " + service, e);
        }
        return survivors;
    }

    /** The JVM running this program: the services run on the same one. */
    static Path javaExecutable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
    }

    private static File nullDevice() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return new File(windows ? "NUL" : "/dev/null");
    }

    OutpostService service() {
        return service;
    }

    Process process() {
        return process;
    }

    Path logFile() {
        return logFile;
    }

    int port() {
        return port;
    }

    /** The service's base URL. */
    URI baseUri() {
        return URI.create(scheme + "://127.0.0.1:" + port);
    }

    /** Throws, with the end of the log, if the process has exited. */
    void requireAlive(String during) {
        if (!process.isAlive()) {
            throw new MeshException(service + " exited with code " + process.exitValue() + " " + during + ".\n"
                    + describeLog());
        }
    }

    /**
     * Asks the service's readiness endpoint once.
     *
     * @return true when it answers 200; also true for 404, which means the HTTP server is up but the service has no
     *         health endpoint, so there is nothing better to wait for
     */
    boolean ready() {
        HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 404) {
                LOG.warnf("%s has no /q/health/ready endpoint; taking an answering HTTP server as ready", service);
            }
            return status == 200 || status == 404;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshException("interrupted while waiting for " + service, e);
        }
    }

    /** The last lines of the log file, introduced by its path, for error messages. */
    String describeLog() {
        return "Last lines of " + logFile + ":\n" + indent(tail(logFile, 40));
    }

    /** The last {@code lines} lines of {@code file}, or a note that it cannot be read. */
    static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no log written)";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static String indent(String text) {
        return text.lines().map(line -> "    " + line).collect(Collectors.joining("\n"));
    }

    /**
     * Stops processes and everything they started (such as the job-runners of plane-manager): asks all of them to
     * stop (SIGTERM), waits up to {@code grace} for them together, then kills whatever is left.
     */
    static void stopAll(List<Process> processes, Duration grace) {
        // Descendants first, while they can still be found: once their parent is gone, they are nobody's children.
        List<ProcessHandle> handles = new ArrayList<>();
        for (Process process : processes) {
            process.descendants().forEach(handles::add);
            handles.add(process.toHandle());
        }
        stopHandles(handles, grace);
    }

    /** Stops these processes (not their descendants) as {@link #stopAll} does: SIGTERM, {@code grace}, SIGKILL. */
    static void stopHandles(List<ProcessHandle> handles, Duration grace) {
        handles.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        List<ProcessHandle> stubborn = new ArrayList<>();
        for (ProcessHandle handle : handles) {
            if (!awaitExit(handle, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                stubborn.add(handle);
            }
        }
        for (ProcessHandle handle : stubborn) {
            LOG.warnf("Process %d did not stop within %s; killing it", handle.pid(), grace);
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
            if (!awaitExit(handle, Duration.ofSeconds(5))) {
                LOG.errorf("Process %d survived a kill; stop it yourself", handle.pid());
            }
        }
    }

    private static boolean awaitExit(ProcessHandle handle, Duration wait) {
        try {
            handle.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !handle.isAlive();
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    /** What {@link #start} was given, kept to start the service again alike. */
    private record Launch(Path jar, TlsFiles tls, Map<String, String> properties, Map<String, String> environment,
            Path workDir) {
    }

    /** The process's start time, to recognise it again in a pid file (pids are reused). */
    Optional<Instant> startInstant() {
        return process.info().startInstant();
    }
}
