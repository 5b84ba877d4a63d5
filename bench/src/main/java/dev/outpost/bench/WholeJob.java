package dev.outpost.bench;

import dev.outpost.localcloud.LocalS3;
import dev.outpost.localcloud.LocalSqs;
import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.DataLocation;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobRequest;
import dev.outpost.proto.job.v1.JobResult;
import dev.outpost.proto.job.v1.JobSpec;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import dev.outpost.sqs.QueueTopology;
import dev.outpost.sqs.Received;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * (d) Outpost's whole job as a user's job runs on an edge: a packaged job-runner process started for one job, which
 * takes it from SQS (ElasticMQ), downloads the object from S3 (S3Proxy on a folder), scans, stores encrypted samples
 * and puts its result event on SQS. The data is placed in the S3 folder beforehand; the clock runs from the runner's
 * start to its exit. ElasticMQ and S3Proxy start once and serve every job of a benchmark run, as the cloud services
 * they stand for are always up: the first job (the AOT cache's training, or the first measured one without it) finds
 * them cold.
 */
final class WholeJob implements AutoCloseable {

    private static final String DATA_BUCKET = "bench-data";
    private static final String RESULTS_BUCKET = "bench-results";
    private static final String PREFIX = "bench-";

    private final Path directory;
    private final Path keyFile;
    private final LocalSqs sqs;
    private final LocalS3 s3;
    private final SqsClient sqsClient;
    private final QueueClient queues;

    private WholeJob(Path directory, Path keyFile, LocalSqs sqs, LocalS3 s3, SqsClient sqsClient) {
        this.directory = directory;
        this.keyFile = keyFile;
        this.sqs = sqs;
        this.s3 = s3;
        this.sqsClient = sqsClient;
        this.queues = new QueueClient(sqsClient, PREFIX);
    }

    /** Starts ElasticMQ and S3Proxy, with each format's file as an object under a prefix of its own. */
    static WholeJob start(Path directory) throws IOException {
        Path s3Folder = directory.resolve("s3");
        for (String format : BenchData.FORMATS) {
            Path object = s3Folder.resolve(DATA_BUCKET).resolve(prefix(format) + "rows." + format);
            Files.createDirectories(object.getParent());
            Files.deleteIfExists(object);
            Files.createLink(object, BenchData.file(directory, format));
        }
        Files.createDirectories(s3Folder.resolve(RESULTS_BUCKET));
        Path keyFile = directory.resolve("customer.key");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.deleteIfExists(keyFile);
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(key));
        LocalSqs sqs = LocalSqs.start();
        LocalS3 s3 = LocalS3.start(s3Folder);
        SqsClient sqsClient = sqs.newClient();
        QueueTopology.ensure(sqsClient, PREFIX);
        return new WholeJob(directory, keyFile, sqs, s3, sqsClient);
    }

    /** One prefix per format: a job reads every object under its prefix. */
    private static String prefix(String format) {
        return "job-" + format + "/";
    }

    /**
     * @param runnerJar job-runner's {@code quarkus-run.jar}
     * @param javaOptions JVM options for the runner beyond native access (by default its image's,
     *     {@link Benchmark#RUNNER_JAVA_OPTIONS})
     * @return the wall time and the result the runner reported
     */
    Benchmark.Measurement run(String format, Path runnerJar, List<String> javaOptions) throws Exception {
        String jobId = UUID.randomUUID().toString();
        queues.send(OutpostQueue.JOBS, JobRequest.newBuilder()
                .setSpec(JobSpec.newBuilder()
                        .setJobId(jobId)
                        .setLocation(DataLocation.newBuilder().setBucket(DATA_BUCKET).setPrefix(prefix(format))
                                .setFormat(format.equals("csv") ? DataFormat.DATA_FORMAT_CSV
                                        : DataFormat.DATA_FORMAT_PARQUET))
                        .setRuleSetYaml(BenchData.RULE_SET)
                        .setSampleLimit(10))
                .setEnqueuedAtMillis(System.currentTimeMillis())
                .build());
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", runnerJar.toString()));
        Path log = directory.resolve("job-runner-" + format + ".log");
        ProcessBuilder runner = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        runner.environment().putAll(environment(sqs, s3, keyFile, directory.resolve("runner-workspaces")));
        Duration serversCpu = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
        long started = System.nanoTime();
        LocalTime startedAt = LocalTime.now();
        Process process = runner.start();
        long peakRssKib = -1;
        while (process.isAlive()) {
            // The runner's own peak, read from /proc while it lives (it is gone once it exits).
            peakRssKib = Math.max(peakRssKib, Benchmark.peakRssKib(Path.of("/proc/" + process.pid() + "/status")));
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("job-runner failed; see " + log);
        }
        long wall = System.nanoTime() - started;
        serversCpu = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).minus(serversCpu);
        // On this machine's cores, not on a cloud's: what they took is what the runner could not have.
        System.out.printf(Locale.ROOT, "%s (d) phases: %s; meanwhile SQS, S3 and this benchmark used %.2f s of CPU%n",
                format, phases(startedAt, log, wall), serversCpu.toMillis() / 1000.0);
        JobResult result = succeeded(queues, jobId);
        List<Double> found = new ArrayList<>();
        result.getChecksList().forEach(check -> found.add((double) check.getRowsFailed()));
        // The metric's value stays on the edge; its place in the comparison is taken by the others' average.
        found.set(found.size() - 1, Double.NaN);
        return new Benchmark.Measurement(found, wall, peakRssKib);
    }

    @Override
    public void close() {
        sqsClient.close();
        s3.close();
        sqs.close();
    }

    private static Map<String, String> environment(LocalSqs sqs, LocalS3 s3, Path keyFile, Path workspaces)
            throws IOException {
        Files.createDirectories(workspaces);
        return Map.ofEntries(
                Map.entry("QUARKUS_SQS_ENDPOINT_OVERRIDE", sqs.endpoint().toString()),
                Map.entry("QUARKUS_SQS_AWS_REGION", LocalSqs.REGION),
                Map.entry("QUARKUS_SQS_AWS_CREDENTIALS_TYPE", "static"),
                Map.entry("QUARKUS_SQS_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", "x"),
                Map.entry("QUARKUS_SQS_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", "x"),
                Map.entry("QUARKUS_S3_ENDPOINT_OVERRIDE", s3.endpoint().toString()),
                Map.entry("QUARKUS_S3_AWS_REGION", LocalS3.REGION),
                Map.entry("QUARKUS_S3_AWS_CREDENTIALS_TYPE", "static"),
                Map.entry("QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", s3.accessKey()),
                Map.entry("QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", s3.secretKey()),
                Map.entry("QUARKUS_S3_PATH_STYLE_ACCESS", "true"),
                Map.entry("OUTPOST_QUEUES_PREFIX", PREFIX),
                Map.entry("OUTPOST_RESULTS_BUCKET", RESULTS_BUCKET),
                Map.entry("OUTPOST_KEYS_LOCAL_FILE", keyFile.toString()),
                Map.entry("OUTPOST_RUNNER_WORKSPACE_ROOT", workspaces.toString()),
                // The engine's debug lines mark where the scan and the sampling start and end (see phases).
                Map.entry("QUARKUS_LOG_CATEGORY__DEV_OUTPOST_DQ__LEVEL", "DEBUG"),
                Map.entry("QUARKUS_LOG_CATEGORY__DEV_OUTPOST_RUNNER__LEVEL", "DEBUG"),
                Map.entry("QUARKUS_HTTP_HOST", "127.0.0.1"),
                Map.entry("QUARKUS_HTTP_PORT", "0"));
    }

    /** How the runner's warm-up names its workspace (see job-runner's Warmup). */
    private static final String WARMUP_WORKSPACE = "outpost-warmup-";

    /** Log lines that end each phase of the runner's life, and the phase's name. */
    private static final List<Map.Entry<String, String>> PHASE_ENDS = List.of(
            Map.entry("[io.quarkus] job-runner", "JVM and Quarkus start"),
            Map.entry("Took job", "taking the job from SQS"),
            Map.entry("Scanning ", "download and schema"),
            Map.entry("Scanned ", "scan"),
            Map.entry("Sampled ", "samples read, sealed and stored"),
            Map.entry("rows scanned in", "scores"),
            Map.entry("stopped in", "result event and stop"));

    /**
     * Where the runner's wall time went, from the timestamps of the log lines that end each phase (see
     * {@link #PHASE_ENDS}); the rest until the process is gone is its exit.
     */
    static String phases(LocalTime startedAt, Path log, long wallNanos) throws IOException {
        List<String> lines = Files.readAllLines(log);
        StringBuilder phases = new StringBuilder();
        LocalTime previous = startedAt;
        // Each phase's end is looked for after the previous one's, among the job's lines: the runner's warm-up logs
        // a scan of its own (of a file in a workspace named WARMUP_WORKSPACE) while it waits for the job.
        int from = 0;
        for (Map.Entry<String, String> end : PHASE_ENDS) {
            int line = from;
            while (line < lines.size() && !(lines.get(line).contains(end.getKey()) && lines.get(line).length() > 12
                    && !lines.get(line).contains(WARMUP_WORKSPACE))) {
                line++;
            }
            if (line == lines.size()) {
                phases.append(end.getValue()).append(" (not logged); ");
                continue;
            }
            from = line + 1;
            LocalTime at = LocalTime.parse(lines.get(line).substring(0, 12));
            phases.append(String.format(Locale.ROOT, "%s %.2f s; ", end.getValue(),
                    Duration.between(previous, at).toMillis() / 1000.0));
            previous = at;
        }
        long exitMillis = Duration.ofNanos(wallNanos).toMillis() - Duration.between(startedAt, previous).toMillis();
        return phases.append(String.format(Locale.ROOT, "exit %.2f s", exitMillis / 1000.0)).toString();
    }

    private static JobResult succeeded(QueueClient queues, String jobId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (Received<JobEvent> event : queues.receive(OutpostQueue.JOB_EVENTS, JobEvent.getDefaultInstance(), 10,
                    Duration.ofSeconds(2), Duration.ofSeconds(30))) {
                queues.delete(event);
                if (event.body().getJobId().equals(jobId) && event.body().hasSucceeded()) {
                    return event.body().getSucceeded();
                }
                if (event.body().getJobId().equals(jobId) && event.body().hasFailed()) {
                    throw new IllegalStateException("the job failed: " + event.body().getFailed().getReason());
                }
            }
        }
        throw new IllegalStateException("no result event for job " + jobId + " within 30 s of the runner's exit");
    }
}
