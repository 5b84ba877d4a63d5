package dev.outpost.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.outpost.crypto.KeyFileException;
import dev.outpost.crypto.LocalKeyFileProvider;
import dev.outpost.localcloud.LocalPostgres;
import dev.outpost.localcloud.LocalS3;
import dev.outpost.localcloud.LocalSqs;
import dev.outpost.pki.LocalCertificateAuthority;
import dev.outpost.pki.TlsFiles;
import dev.outpost.sqs.QueueTopology;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A whole Outpost on one machine: the control plane (control-api on an embedded PostgreSQL) and one compute plane
 * (plane-manager launching job-runners as local processes, metadata-browser, results-reader) on a local SQS (ElasticMQ)
 * and a local S3 (S3Proxy on a folder), with a customer key file — the embedded default mode.
 *
 * <p>The servers run inside this JVM; the services run as child processes from their packaged jars, each logging to
 * {@code <state>/logs/<service>.log}, on free ports of 127.0.0.1 chosen at start. The state directory keeps the S3
 * folder, the key file and the logs across runs; the control plane's database ({@code <state>/postgres}) is new on
 * every start (so the edge is registered afresh) and deleted on {@link #close()}.
 *
 * <p>{@link #close()} — also run by a shutdown hook, so Ctrl-C leaves nothing behind — stops the services and
 * everything they started (job-runners), then the servers. A pid file lets the next start stop services left over by
 * a run that was killed outright.
 */
public final class Mesh implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Mesh.class);

    /** The customer's bucket for primary data. */
    public static final String DATA_BUCKET = "customer-data";
    /** The customer's bucket for results (encrypted failing-row samples). */
    public static final String RESULTS_BUCKET = "customer-results";
    /** Where in {@link #RESULTS_BUCKET} the compute plane writes. */
    public static final String RESULTS_PREFIX = "outpost/";
    /** The prefix of every queue name. */
    public static final String QUEUE_PREFIX = "outpost-";
    /** The name the edge is registered under. */
    public static final String EDGE_NAME = "local-edge";
    /** The control plane's database. */
    public static final String DATABASE = "outpost_control";
    /** The file under the state directory where control-api writes the admin API key of organisation default. */
    public static final String ADMIN_KEY_FILE = "admin.key";
    /** The most job-runners plane-manager keeps alive at once. */
    public static final int MAX_CONCURRENT_RUNNERS = 2;

    // ElasticMQ checks signatures against no particular key; these are what the compute plane signs with.
    private static final String SQS_ACCESS_KEY = "outpost-local";
    private static final String SQS_SECRET_KEY = "outpost-local";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final AtomicBoolean INTERRUPTED = new AtomicBoolean();

    /**
     * How to start a mesh.
     *
     * @param stateDir     the state directory: S3 folder, key file, logs
     * @param repoRoot     the repository root, where the services' packaged jars are
     * @param startTimeout how long each phase of the start (control-api ready, compute plane ready, edge linked) may
     *                     take
     * @param progress     receives one line per step of the start and stop, for a person to read
     */
    public record Options(Path stateDir, Path repoRoot, Duration startTimeout, Consumer<String> progress) {

        public Options {
            stateDir = stateDir.toAbsolutePath().normalize();
            repoRoot = repoRoot.toAbsolutePath().normalize();
            Objects.requireNonNull(startTimeout, "startTimeout");
            Objects.requireNonNull(progress, "progress");
        }

        /** Options with a 3-minute start timeout per phase, reporting progress to {@code progress}. */
        public static Options of(Path stateDir, Path repoRoot, Consumer<String> progress) {
            return new Options(stateDir, repoRoot, Duration.ofMinutes(3), progress);
        }
    }

    private final Options options;
    private final StateDirectory state;
    private final Object lock = new Object();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CompletableFuture<ServiceProcess> unexpectedExit = new CompletableFuture<>();
    /** Processes killed or stopped through {@link #kill} or {@link #stop}: their exit is no failure. */
    private final Set<ServiceProcess> stoppedOnPurpose = ConcurrentHashMap.newKeySet();
    /** Job-runners whose plane-manager was killed: they finish their job on their own, or are stopped on close. */
    private final List<ProcessHandle> orphans = new ArrayList<>();
    private final Thread shutdownHook;

    private LocalPostgres postgres;
    private LocalSqs sqs;
    private LocalS3 s3;
    private S3Client s3Client;
    private ServiceProcess controlApi;
    private ControlApiClient api;
    private TlsFiles tls;
    private String edgeId;
    private String adminKey;

    private Mesh(Options options) {
        this.options = options;
        this.state = new StateDirectory(options.stateDir(), options.progress(), STOP_GRACE);
        this.shutdownHook = new Thread(this::closeFromHook, "outpost-mesh-shutdown");
    }

    /**
     * Starts everything and waits until the edge is linked to control-api.
     *
     * @throws MeshException when a jar is missing or a part does not start; whatever had started is stopped again
     */
    public static Mesh start(Options options) {
        Mesh mesh = new Mesh(options);
        try {
            mesh.boot();
            return mesh;
        } catch (RuntimeException e) {
            mesh.close();
            throw e;
        }
    }

    private void boot() {
        Map<OutpostService, Path> jars = requireJars(options.repoRoot());
        state.createDirectories();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        register(state.lock());
        state.stopLeftovers();

        long started = System.nanoTime();
        Path postgresData = state.freshPostgresData();
        register(state::deletePostgresData); // closed after the server, which is registered next
        postgres = register(LocalPostgres.start(postgresData, 0));
        postgres.createDatabase(DATABASE);
        step("PostgreSQL for the control plane on port " + postgres.port(), started);

        started = System.nanoTime();
        sqs = register(LocalSqs.start());
        try (SqsClient sqsClient = sqs.newClient()) {
            QueueTopology.ensure(sqsClient, QUEUE_PREFIX);
        }
        step("SQS (ElasticMQ) on " + sqs.endpoint() + ", queues " + QUEUE_PREFIX + "* with dead-letter queues",
                started);

        started = System.nanoTime();
        s3 = register(LocalS3.start(state.s3Dir()));
        s3Client = register(s3.newClient());
        ensureBucket(DATA_BUCKET);
        ensureBucket(RESULTS_BUCKET);
        step("S3 (S3Proxy) on " + s3.endpoint() + ", buckets " + DATA_BUCKET + " and " + RESULTS_BUCKET + " in "
                + state.s3Dir(), started);

        try {
            LocalKeyFileProvider key = LocalKeyFileProvider.createIfMissing(keyFile());
            options.progress().accept("  customer key " + key.keyId() + " in " + keyFile());
        } catch (KeyFileException e) {
            throw new MeshException(e.getMessage() + ". Fix or remove it (results sealed with it become unreadable)",
                    e);
        }

        tls = LocalCertificateAuthority.ensure(state.tlsDir(), List.of("localhost", "127.0.0.1"));
        options.progress().accept("  TLS 1.3 for the control link, local CA in " + tls.caCertificate());

        int[] ports = freePorts(4);
        started = System.nanoTime();
        controlApi = launch(OutpostService.CONTROL_API, jars, ports[0], tls, Map.of(), controlApiEnvironment());
        awaitReady(List.of(controlApi));
        adminKey = readAdminKey();
        api = new ControlApiClient(controlApi.baseUri(), tls.clientContext(), adminKey);
        step("control-api on " + controlApi.baseUri() + ", admin API key in " + adminKeyFile(), started);

        JsonNode created = api.createEdge(EDGE_NAME);
        edgeId = created.path("edge").path("id").asText(null);
        String token = created.path("token").asText(null);
        if (edgeId == null || token == null) {
            throw new MeshException("control-api created the edge but its answer lacks edge.id or token: " + created);
        }

        started = System.nanoTime();
        Map<String, String> computeEnvironment = computeEnvironment();
        Map<String, String> planeManagerEnvironment = new LinkedHashMap<>(computeEnvironment);
        planeManagerEnvironment.put("OUTPOST_EDGE_TOKEN", token);
        // The compute plane's own HTTP endpoints (health) stay on loopback in plain HTTP: no network hop to protect.
        ServiceProcess planeManager = launch(OutpostService.PLANE_MANAGER, jars, ports[1], null,
                planeManagerProperties(jars.get(OutpostService.JOB_RUNNER)), planeManagerEnvironment);
        ServiceProcess metadataBrowser = launch(OutpostService.METADATA_BROWSER, jars, ports[2], null, Map.of(),
                computeEnvironment);
        ServiceProcess resultsReader = launch(OutpostService.RESULTS_READER, jars, ports[3], null, Map.of(),
                computeEnvironment);
        awaitReady(List.of(planeManager, metadataBrowser, resultsReader));
        step("compute plane: plane-manager, metadata-browser, results-reader", started);

        started = System.nanoTime();
        Poll.until("edge " + EDGE_NAME + " to connect to control-api (see " + planeManager.logFile() + ")",
                options.startTimeout(), POLL_INTERVAL,
                () -> "connected".equals(api.edge(edgeId).path("status").asText())
                        ? Optional.of(true) : Optional.empty(),
                this::requireHealthy);
        step("edge " + EDGE_NAME + " (" + edgeId + ") linked to control-api", started);
    }

    /** The jar of every service, or an error naming the missing ones and how to build them. */
    static Map<OutpostService, Path> requireJars(Path repoRoot) {
        Map<OutpostService, Path> jars = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (OutpostService service : OutpostService.values()) {
            Path jar = service.jar(repoRoot);
            jars.put(service, jar);
            if (!Files.isRegularFile(jar)) {
                missing.add("    " + jar);
            }
        }
        if (!missing.isEmpty()) {
            throw new MeshException("the packaged services are missing:\n" + String.join("\n", missing)
                    + "\nBuild them first: run ./mvnw -DskipTests package in " + repoRoot
                    + " (./outpost does this for you)");
        }
        return jars;
    }

    private ServiceProcess launch(OutpostService service, Map<OutpostService, Path> jars, int port,
            TlsFiles serverTls, Map<String, String> properties, Map<String, String> environment) {
        return track(null, () -> ServiceProcess.start(service, jars.get(service), port, serverTls, properties,
                environment, state.workDir(service), logFile(service)));
    }

    /** Starts a process and watches it; it takes the place of {@code replaced} (null for a service new here). */
    private ServiceProcess track(ServiceProcess replaced, Supplier<ServiceProcess> starter) {
        synchronized (lock) {
            if (closing.get()) {
                throw new MeshException("Outpost is shutting down");
            }
            ServiceProcess process = starter.get();
            if (replaced == null) {
                services.add(process);
            } else {
                services.set(services.indexOf(replaced), process);
            }
            process.process().onExit().thenRun(() -> {
                if (!closing.get() && !stoppedOnPurpose.contains(process)) {
                    unexpectedExit.complete(process);
                }
            });
            state.writePidFile(services);
            return process;
        }
    }

    private void awaitReady(List<ServiceProcess> starting) {
        String names = starting.stream().map(p -> p.service().serviceName()).collect(Collectors.joining(", "));
        List<ServiceProcess> pending = new ArrayList<>(starting);
        try {
            Poll.until(names + " to become ready", options.startTimeout(), POLL_INTERVAL, () -> {
                pending.removeIf(ServiceProcess::ready);
                return pending.isEmpty() ? Optional.of(true) : Optional.empty();
            }, () -> starting.forEach(p -> p.requireAlive("while starting")));
        } catch (MeshException e) {
            if (pending.isEmpty() || !pending.stream().allMatch(p -> p.process().isAlive())) {
                throw e;
            }
            throw new MeshException(e.getMessage() + "; still not ready: " + pending.stream()
                    .map(p -> p.service() + " on port " + p.port() + ".\n" + p.describeLog())
                    .collect(Collectors.joining("\n")), e);
        }
    }

    private <T extends AutoCloseable> T register(T resource) {
        synchronized (lock) {
            if (closing.get()) {
                closeQuietly(resource);
                throw new MeshException("Outpost is shutting down");
            }
            resources.add(resource);
            return resource;
        }
    }

    private void step(String what, long startedNanos) {
        options.progress().accept("  " + what + " (" + Poll.since(startedNanos) + ")");
    }

    private Map<String, String> controlApiEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        env.put("OUTPOST_CONTROL_TLS_CERTIFICATE", tls.serverCertificate().toString());
        env.put("OUTPOST_CONTROL_TLS_KEY", tls.serverKey().toString());
        // The database is new on every start, so control-api makes organisation default and writes its admin key.
        env.put("OUTPOST_CONTROL_BOOTSTRAP_ADMIN_KEY_FILE", adminKeyFile().toString());
        return env;
    }

    /** What every compute-plane process needs, job-runners included: they inherit plane-manager's environment. */
    private Map<String, String> computeEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_SQS_ENDPOINT_OVERRIDE", sqs.endpoint().toString());
        env.put("QUARKUS_SQS_AWS_REGION", LocalSqs.REGION);
        env.put("QUARKUS_SQS_AWS_CREDENTIALS_TYPE", "static");
        env.put("QUARKUS_SQS_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", SQS_ACCESS_KEY);
        env.put("QUARKUS_SQS_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", SQS_SECRET_KEY);
        env.put("QUARKUS_S3_ENDPOINT_OVERRIDE", s3.endpoint().toString());
        env.put("QUARKUS_S3_AWS_REGION", LocalS3.REGION);
        env.put("QUARKUS_S3_AWS_CREDENTIALS_TYPE", "static");
        env.put("QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", s3.accessKey());
        env.put("QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", s3.secretKey());
        env.put("QUARKUS_S3_PATH_STYLE_ACCESS", "true");
        env.put("OUTPOST_QUEUES_PREFIX", QUEUE_PREFIX);
        env.put("OUTPOST_RESULTS_BUCKET", RESULTS_BUCKET);
        env.put("OUTPOST_RESULTS_PREFIX", RESULTS_PREFIX);
        env.put("OUTPOST_KEYS_LOCAL_FILE", keyFile().toString());
        // Job-runners copy the data here for the job's duration; keeping it under the state directory keeps it on
        // the user's machine where they chose, rather than in the shared temporary directory.
        env.put("OUTPOST_RUNNER_WORKSPACE_ROOT", state.runnerWorkspaces().toString());
        // Job-runners get no -D of their own: whatever HTTP server they have listens on loopback, on a free port.
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", "0");
        return env;
    }

    private Map<String, String> planeManagerProperties(Path jobRunnerJar) {
        // The runner image's JVM options: a process that runs one job, whose heavy work is DuckDB's, starts faster
        // without C2's compilations and GC threads (bench/README.md, "(d)").
        String runnerCommand = String.join(",", ServiceProcess.javaExecutable().toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                jobRunnerJar.toString());
        if (ServiceProcess.javaExecutable().toString().contains(",") || jobRunnerJar.toString().contains(",")) {
            throw new MeshException("the path of Java or of the job-runner jar contains a comma, which the launcher "
                    + "command cannot express: move the repository or the JDK to a path without one");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("outpost.edge.id", edgeId);
        properties.put("quarkus.grpc.clients.control.host", "127.0.0.1");
        properties.put("quarkus.grpc.clients.control.port", Integer.toString(controlApi.port()));
        properties.put("outpost.edge.control-plane-ca", tls.caCertificate().toString());
        properties.put("outpost.launcher.kind", "local");
        properties.put("outpost.launcher.local.command", runnerCommand);
        properties.put("outpost.launcher.local.log-dir", state.jobRunnerLogDir().toString());
        // The first job trains it, later runners finish a job 0.6-0.8 s sooner with it (bench/README.md, "(d)").
        RunnerAotCache.prepare(state.runnerAotCaches(), jobRunnerJar)
                .ifPresent(cache -> properties.put("outpost.launcher.local.aot-cache", cache.toString()));
        properties.put("outpost.launcher.max-concurrent-runners", Integer.toString(MAX_CONCURRENT_RUNNERS));
        return properties;
    }

    private void ensureBucket(String bucket) {
        try {
            s3Client.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            s3Client.createBucket(b -> b.bucket(bucket));
        }
    }

    /** Free TCP ports on the loopback interface, all different. */
    static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                // Held open until all are chosen, so that no port is handed out twice.
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports on 127.0.0.1", e);
        } finally {
            sockets.forEach(Mesh::closeQuietly);
        }
    }

    /**
     * Uploads a file into a bucket.
     *
     * @return the object key
     */
    public String upload(String bucket, String key, Path file) {
        s3Client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
        return key;
    }

    /**
     * Uploads bytes into a bucket.
     *
     * @return the object key
     */
    public String upload(String bucket, String key, byte[] bytes) {
        s3Client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
        return key;
    }

    /** Deletes every object under {@code prefix}, so that a data source there holds only what is uploaded next. */
    public void clearPrefix(String bucket, String prefix) {
        for (S3Object object : s3Client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            s3Client.deleteObject(b -> b.bucket(bucket).key(object.key()));
        }
    }

    /**
     * Kills a service outright (SIGKILL), as a crash would: it cannot clean up or close its links. Job-runners that
     * plane-manager started keep running, as Kubernetes Jobs outlive a crashed plane-manager; {@link #close()} stops
     * those still running. Start the service again with {@link #startAgain}.
     *
     * @throws IllegalArgumentException for a job-runner, which the mesh does not start
     */
    public void kill(OutpostService service) {
        ServiceProcess process = running(service);
        stoppedOnPurpose.add(process);
        List<ProcessHandle> survivors = process.kill();
        synchronized (lock) {
            orphans.addAll(survivors);
        }
        options.progress().accept("  killed " + service + " (pid " + process.process().pid() + "), leaving "
                + survivors.size() + " process(es) it started running");
    }

    /**
     * Stops a service as an orderly shutdown does (SIGTERM, and for plane-manager its job-runners too). Start it
     * again with {@link #startAgain}.
     */
    public void stop(OutpostService service) {
        ServiceProcess process = running(service);
        stoppedOnPurpose.add(process);
        stop(List.of(process));
    }

    /**
     * Starts a killed or stopped service again on the same port with the same settings, and waits until it is ready
     * and, for control-api and plane-manager, until the edge has linked to control-api again.
     *
     * @param overrides system properties to set on top of the service's own (kept for its later restarts), e.g. to
     *                  route plane-manager's link through a relay
     * @throws MeshException when it does not become ready, or the edge does not link, within the start timeout
     */
    public void startAgain(OutpostService service, Map<String, String> overrides) {
        ServiceProcess previous = running(service);
        Instant started = Instant.now();
        long startedNanos = System.nanoTime();
        ServiceProcess process = track(previous, () -> previous.startAgain(overrides));
        if (service == OutpostService.CONTROL_API) {
            controlApi = process;
        }
        awaitReady(List.of(process));
        if (service == OutpostService.CONTROL_API || service == OutpostService.PLANE_MANAGER) {
            awaitEdgeLinkedAfter(started);
        }
        step(service + " started again on port " + process.port(), startedNanos);
    }

    /**
     * Waits until control-api has heard from the edge over a link after {@code since}, e.g. after a fault. The
     * edge's stored status alone may still say connected after a crash; a Hello or heartbeat after the instant proves
     * a live link.
     *
     * @throws MeshException when that takes longer than the start timeout
     */
    public void awaitEdgeLinkedAfter(Instant since) {
        Poll.until("edge " + EDGE_NAME + " to link to control-api after " + since, options.startTimeout(),
                POLL_INTERVAL, () -> {
                    JsonNode edge = api.edge(edgeId);
                    Instant lastSeen = edge.path("lastSeenAt").isTextual()
                            ? Instant.parse(edge.path("lastSeenAt").asText()) : Instant.EPOCH;
                    return "connected".equals(edge.path("status").asText()) && lastSeen.isAfter(since)
                            ? Optional.of(true) : Optional.empty();
                }, this::requireHealthy);
    }

    /** {@link #startAgain(OutpostService, Map)} with no overrides. */
    public void startAgain(OutpostService service) {
        startAgain(service, Map.of());
    }

    /** The current process of {@code service}. */
    private ServiceProcess running(OutpostService service) {
        synchronized (lock) {
            return services.stream().filter(p -> p.service() == service).reduce((first, later) -> later)
                    .orElseThrow(() -> new IllegalArgumentException("the mesh runs no " + service));
        }
    }

    /**
     * The control plane's files on this machine now: everything in the state directory except what belongs to the
     * compute plane (its services' logs and working directories, the customer's S3 folder and key). That is
     * control-api's log and working directory, its database's data directory and whatever else control-api writes
     * there, named or not: what a check that the control side holds no customer data scans.
     */
    public List<Path> controlPlaneFiles() {
        List<Path> computePlane = new ArrayList<>(List.of(state.s3Dir(), state.keyFile(), jobRunnerLogDir()));
        for (OutpostService service : OutpostService.values()) {
            if (service != OutpostService.CONTROL_API) {
                computePlane.add(logFile(service));
                computePlane.add(state.workDir(service));
            }
        }
        try (Stream<Path> paths = Files.walk(stateDir())) {
            return paths.filter(Files::isRegularFile)
                    .filter(path -> computePlane.stream().noneMatch(path::startsWith))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the state directory " + stateDir(), e);
        }
    }

    /** A new client of the local SQS, with the compute plane's credentials; the caller closes it. */
    public SqsClient newSqsClient() {
        return sqs.newClient();
    }

    /**
     * Throws if a service exited although nobody asked it to, with the end of its log.
     *
     * @throws MeshException naming the service and showing its log
     */
    public void requireHealthy() {
        if (closing.get()) {
            throw new MeshException("Outpost is shutting down");
        }
        ServiceProcess dead = unexpectedExit.getNow(null);
        if (dead != null) {
            throw new MeshException(dead.service() + " exited unexpectedly with code " + dead.process().exitValue()
                    + ".\n" + dead.describeLog());
        }
    }

    /** Completes with the first service that exits although nobody asked it to. */
    public CompletableFuture<String> unexpectedExit() {
        return unexpectedExit.thenApply(process -> process.service() + " exited unexpectedly with code "
                + process.process().exitValue() + ".\n" + process.describeLog());
    }

    /** control-api's REST base URL. */
    public URI controlApiUri() {
        return controlApi.baseUri();
    }

    /** control-api's gRPC address (host:port), TLS 1.3, on the same port as REST. */
    public String grpcAddress() {
        return "127.0.0.1:" + controlApi.port();
    }

    /** control-api's OpenAPI document. */
    public URI openApiUri() {
        return controlApi.baseUri().resolve("/q/openapi");
    }

    /** The local CA that signed control-api's certificate: what a client of control-api must trust. */
    public Path caCertificate() {
        return tls.caCertificate();
    }

    /** A TLS context that trusts control-api's certificate (the local CA) and nothing else. */
    public SSLContext controlApiTrust() {
        return tls.clientContext();
    }

    /** A client of control-api's REST API. */
    public ControlApiClient api() {
        return api;
    }

    /** The admin API key of organisation {@code default}, which every call of {@link #api()} carries. */
    public String adminKey() {
        return adminKey;
    }

    /** Where control-api wrote {@link #adminKey()} (readable by its owner only). */
    public Path adminKeyFile() {
        return options.stateDir().resolve(ADMIN_KEY_FILE);
    }

    private String readAdminKey() {
        try {
            return Files.readString(adminKeyFile()).trim();
        } catch (IOException e) {
            throw new MeshException("control-api is ready but did not write its admin API key to " + adminKeyFile()
                    + " (see " + controlApi.logFile() + "): " + e.getMessage(), e);
        }
    }

    /** The id of the edge the compute plane runs as. */
    public String edgeId() {
        return edgeId;
    }

    /** The local S3's endpoint. */
    public URI s3Endpoint() {
        return s3.endpoint();
    }

    /** The access key id S3 requests are signed with. */
    public String s3AccessKey() {
        return s3.accessKey();
    }

    /** The secret key S3 requests are signed with. */
    public String s3SecretKey() {
        return s3.secretKey();
    }

    /** An S3 client of the local S3, closed with the mesh. */
    public S3Client s3() {
        return s3Client;
    }

    /** The local SQS's endpoint. */
    public URI sqsEndpoint() {
        return sqs.endpoint();
    }

    /** The JDBC URL of control-api's database. */
    public String jdbcUrl() {
        return postgres.jdbcUrl(DATABASE);
    }

    /** The database user control-api connects as. */
    public String databaseUser() {
        return postgres.user();
    }

    /** That user's password. */
    public String databasePassword() {
        return postgres.password();
    }

    /** The customer's key file, which seals everything the compute plane stores. */
    public Path keyFile() {
        return state.keyFile();
    }

    /** The state directory. */
    public Path stateDir() {
        return options.stateDir();
    }

    /** A service's log file (job-runners log into {@link #jobRunnerLogDir()}). */
    public Path logFile(OutpostService service) {
        return state.logFile(service);
    }

    /** Where plane-manager's job-runners log, one file each. */
    public Path jobRunnerLogDir() {
        return state.jobRunnerLogDir();
    }

    /** Where the job-runners' AOT cache is trained and kept (JDK 25 or later; see {@link RunnerAotCache}). */
    public Path jobRunnerAotCacheDir() {
        return state.runnerAotCaches();
    }

    /**
     * Stops the services and whatever they started, then the servers; the control plane's database is deleted.
     * Safe to call more than once and from several threads: later calls wait for the first to finish.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitClosed();
            return;
        }
        try {
            List<ServiceProcess> running;
            List<AutoCloseable> opened;
            synchronized (lock) {
                running = new ArrayList<>(services.reversed());
                opened = new ArrayList<>(resources.reversed());
            }
            List<ProcessHandle> leftBehind;
            synchronized (lock) {
                leftBehind = List.copyOf(orphans);
            }
            ServiceProcess.stopHandles(leftBehind, STOP_GRACE);
            // The compute plane first, so that control-api sees the edge go while it can still record it.
            stop(running.stream().filter(p -> p != controlApi).toList());
            stop(running.stream().filter(p -> p == controlApi).toList());
            if (!running.isEmpty()) {
                // Only ours to delete once we started something: it may be another run's, whose lock we did not get.
                state.deletePidFile();
            }
            opened.forEach(Mesh::closeQuietly);
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // Shutting down already (we may be the hook), or never registered: nothing to remove.
            }
        }
    }

    /**
     * Whether a mesh in this JVM was stopped by the shutdown hook (Ctrl-C, SIGTERM): errors that follow are then
     * consequences of stopping, not failures to report.
     */
    public static boolean stoppedByShutdown() {
        return INTERRUPTED.get();
    }

    private void stop(List<ServiceProcess> processes) {
        if (processes.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        ServiceProcess.stopAll(processes.stream().map(ServiceProcess::process).toList(), STOP_GRACE);
        options.progress().accept("  stopped " + processes.stream().map(p -> p.service().serviceName())
                .collect(Collectors.joining(", ")) + " (" + Poll.since(started) + ")");
    }

    private void closeFromHook() {
        INTERRUPTED.set(true);
        if (!closing.get()) {
            options.progress().accept("Stopping Outpost…");
        }
        close();
    }

    private void awaitClosed() {
        try {
            if (!closed.await(STOP_GRACE.multipliedBy(2).toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("Gave up waiting for the mesh to stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warnf(e, "Could not close %s cleanly", resource);
        }
    }
}
