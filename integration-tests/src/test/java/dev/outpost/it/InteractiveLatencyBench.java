package dev.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.outpost.embedded.ControlApiClient;
import dev.outpost.embedded.Mesh;
import dev.outpost.embedded.TextTable;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * How long a person waits for an interactive answer, measured from the person's side: a REST client on control-api's
 * TLS port (one HTTP client, so its connection is reused as a browser's is), through EdgeLink, plane-manager, SQS and
 * the edge's always-running metadata-browser and results-reader, on the embedded mesh with local data. Every kind is
 * warmed up first, {@code outpost.bench.warm-up} rounds (100) over all of them, so that the kind measured first does
 * not also pay for compiling the relay path the others share; then each kind is asked {@code outpost.bench.requests}
 * times (200) one after the other. p50, p99 and the maximum are printed and written to
 * {@code target/interactive-latency.txt}, with the machine they were measured on.
 *
 * <p>Not part of {@code ./mvnw verify} (its name does not end in IT); run it with
 * {@code ./mvnw -pl integration-tests verify -Pinteractive-latency} (see docs/interactive-latency.md). Every answer is
 * checked, so a benchmark of errors cannot pass; the targets are reported, not enforced, because the figures depend
 * on the machine and on what else runs on it.
 */
@ExtendWith(SharedMesh.class)
class InteractiveLatencyBench {

    private static final int REQUESTS = Integer.getInteger("outpost.bench.requests", 200);
    /**
     * Rounds over every kind before any is measured: the services answer in their steady state, as they do after a
     * day of use, once each has answered about a thousand requests; with 30 rounds, the kind measured first still paid
     * for the JIT compiling the relay path all kinds share (see docs/interactive-latency.md).
     */
    private static final int WARM_UP = Integer.getInteger("outpost.bench.warm-up", 100);
    /** The target for answers that carry only metadata, on local data. */
    private static final Duration METADATA_TARGET = Duration.ofMillis(100);
    /** The target for answers that carry up to 100 rows. */
    private static final Duration ROWS_TARGET = Duration.ofMillis(200);
    private static final int ROWS = 1000;
    private static final int FAILING_EVERY = 3;
    private static final int PAGE_ROWS = 100;
    private static final String PREFIX = "latency-bench/orders/";
    private static final String FILE = "orders.csv";
    private static final String CHECK = "email-format";
    private static final String RULES = """
            checks:
              - name: email-format
                type: regex
                column: email
                pattern: '^[^@ ]+@[^@ ]+\\.[a-z]{2,}$'
            """;

    private static Mesh mesh;
    private static ControlApiClient api;
    private static String dataSourceId;
    private static String jobId;
    private static SqsClient sqs;
    private static DataSourceCalls calls;
    private static CustomerDatabase database;
    /** The probe's DuckDB, locked to {@link #duckDbDirectory} and open for the whole benchmark. */
    private static Connection duckDb;
    private static Path duckDbDirectory;
    private static String tableSourceId;

    @TempDir
    static Path secrets;

    /**
     * One kind of request.
     *
     * @param name   what a person does, as the table shows it
     * @param target the p99 to meet; null for a probe that shows where the time goes
     * @param call   sends one request and answers its body
     * @param check  asserts that an answer is the right one
     */
    private record Kind(String name, Duration target, Supplier<JsonNode> call, Consumer<JsonNode> check) {
    }

    /**
     * The measured latencies of one kind, in nanoseconds, sorted.
     *
     * @param kind  what was measured
     * @param nanos every request's latency, sorted
     */
    private record Measured(Kind kind, long[] nanos) {

        double percentileMillis(double fraction) {
            int rank = (int) Math.ceil(fraction * nanos.length); // nearest rank
            return nanos[Math.max(0, rank - 1)] / 1e6;
        }

        double maxMillis() {
            return nanos[nanos.length - 1] / 1e6;
        }

        String met() {
            if (kind.target() == null) {
                return "-";
            }
            return percentileMillis(0.99) <= kind.target().toMillis() ? "yes" : "NO";
        }
    }

    @BeforeAll
    static void uploadTheDataAndRunAJob(Mesh shared) {
        mesh = shared;
        api = mesh.api();
        sqs = mesh.newSqsClient();
        mesh.upload(Mesh.DATA_BUCKET, PREFIX + FILE, orders().getBytes(StandardCharsets.UTF_8));
        dataSourceId = api.createDataSource("latency-bench-orders", mesh.edgeId(), Mesh.DATA_BUCKET, PREFIX, "csv")
                .path("id").asText();
        String ruleSetId = api.createRuleSet("latency-bench-rules", RULES).path("id").asText();
        jobId = api.submitJob(dataSourceId, ruleSetId, PAGE_ROWS).path("id").asText();
        JsonNode job = api.awaitJob(jobId, Duration.ofMinutes(5), progress -> {
        }, mesh::requireHealthy);
        assertThat(job.path("state").asText()).as("job %s", job).isEqualTo("succeeded");

        calls = new DataSourceCalls(api);
        database = CustomerDatabase.start(secrets);
        database.execute("CREATE TABLE public.orders (id integer PRIMARY KEY, customer text, email text, "
                + "amount numeric(10,2))", "INSERT INTO public.orders SELECT i, 'Customer ' || i, 'customer' || i "
                + "|| '@example.com', i * 7 % 1000 + 0.5 FROM generate_series(1, " + ROWS + ") AS i", "ANALYZE");
        String secret = database.createLogin("bench_reader", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO "
                + "bench_reader");
        tableSourceId = calls.createTableSource("latency-bench-table", mesh.edgeId(),
                database.table("bench_reader", secret, "public", "orders"));
    }

    @AfterAll
    static void closeTheClients() throws SQLException, IOException {
        sqs.close();
        database.close();
        if (duckDb != null) {
            duckDb.close();
            Files.delete(duckDbDirectory);
        }
    }

    @Test
    void everyInteractiveKindAnswersWithinItsTarget() throws IOException {
        List<Kind> kinds = kinds();
        String loadBefore = loadAverage();
        for (int round = 0; round < WARM_UP; round++) {
            for (Kind kind : kinds) {
                kind.check().accept(kind.call().get());
            }
        }
        List<Measured> measured = new ArrayList<>();
        for (Kind kind : kinds) {
            measured.add(measure(kind));
        }
        String report = report(measured, loadBefore, loadAverage());
        System.out.println(report);
        Path file = Path.of(System.getProperty("outpost.it.report-dir", "target")).resolve("interactive-latency.txt");
        Files.writeString(file, report, StandardCharsets.UTF_8);
        assertThat(measured).extracting(m -> m.nanos().length).as("requests measured per kind")
                .containsOnly(REQUESTS);
    }

    private static List<Kind> kinds() {
        List<Kind> kinds = new ArrayList<>();
        kinds.add(new Kind("files listing (S3 CSV, columns inferred)", METADATA_TARGET,
                () -> api.dataSourceFiles(dataSourceId),
                files -> assertThat(files.path("files")).singleElement()
                        .satisfies(file -> assertThat(file.path("key").asText()).isEqualTo(PREFIX + FILE))));
        kinds.add(new Kind("test connection (S3 prefix)", METADATA_TARGET,
                () -> ok(calls.testConnection(dataSourceId, null)),
                answer -> assertThat(answer.path("checks")).isNotEmpty()));
        kinds.add(new Kind("browse (S3 prefix: object, columns, rows)", METADATA_TARGET,
                () -> ok(calls.browse(dataSourceId)),
                level -> assertThat(level.path("objects")).singleElement()
                        .satisfies(object -> assertThat(object.path("rowCount").asLong()).isEqualTo(ROWS))));
        kinds.add(new Kind("preview (S3 CSV, " + PAGE_ROWS + " rows)", ROWS_TARGET,
                () -> ok(calls.preview(dataSourceId, "key", PREFIX + FILE, "limit", String.valueOf(PAGE_ROWS))),
                preview -> assertThat(preview.path("rows")).hasSize(PAGE_ROWS)));
        kinds.add(new Kind("test connection (PostgreSQL, schema readable)", METADATA_TARGET,
                () -> ok(calls.testConnection(tableSourceId, null)),
                answer -> assertThat(answer.path("checks")).hasSizeGreaterThan(1)));
        kinds.add(new Kind("browse (PostgreSQL schema: tables, columns)", METADATA_TARGET,
                () -> ok(calls.browse(tableSourceId, "schema", "public")),
                level -> assertThat(level.path("tables")).singleElement()
                        .satisfies(table -> assertThat(table.path("columns")).hasSize(4))));
        kinds.add(new Kind("preview (PostgreSQL table, " + PAGE_ROWS + " rows)", ROWS_TARGET,
                () -> ok(calls.preview(tableSourceId, "limit", String.valueOf(PAGE_ROWS))),
                preview -> assertThat(preview.path("rows")).hasSize(PAGE_ROWS)));
        kinds.add(new Kind("failing rows, " + PAGE_ROWS + "-row page", ROWS_TARGET,
                () -> api.failingRows(jobId, CHECK, 0, PAGE_ROWS),
                page -> assertThat(page.path("rows")).hasSize(PAGE_ROWS)));
        kinds.addAll(probes());
        return kinds;
    }

    /**
     * Where the time goes: control-api on its own; the whole round trip to the edge with (almost) no work there, a
     * listing of a missing bucket that metadata-browser answers NOT_FOUND after one S3 call; one SQS hop (send,
     * long-poll receive, delete) on the mesh's ElasticMQ, of which a round trip to the edge makes two; one S3 read of
     * the data; and the DuckDB work metadata-browser does for every request that reads a file.
     */
    private static List<Kind> probes() {
        String missingBucketSource = api.createDataSource("latency-bench-missing-bucket", mesh.edgeId(),
                "latency-bench-no-such-bucket", "", "csv").path("id").asText();
        String path = "/api/v1/data-sources/" + missingBucketSource + "/files";
        String queue = sqs.createQueue(b -> b.queueName(Mesh.QUEUE_PREFIX + "latency-probe")).queueUrl();
        try {
            duckDbDirectory = Files.createTempDirectory("latency-probe");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        duckDb = lockedDuckDb(duckDbDirectory);
        return List.of(
                new Kind("probe: control-api alone (GET edge)", null, () -> api.edge(mesh.edgeId()),
                        edge -> assertThat(edge.path("status").asText()).isEqualTo("connected")),
                new Kind("probe: edge round trip, no data read (missing bucket)", null,
                        () -> api.exchange("GET", path, null).body(),
                        error -> assertThat(error.path("error").asText()).as("%s", error).isEqualTo("NOT_FOUND")),
                new Kind("probe: one SQS hop (send, receive, delete)", null, () -> sqsHop(queue),
                        body -> assertThat(body.asText()).isEqualTo("probe")),
                new Kind("probe: one S3 GET of the CSV (S3Proxy)", null,
                        () -> IntNode.valueOf(mesh.s3().getObjectAsBytes(b -> b.bucket(Mesh.DATA_BUCKET)
                                .key(PREFIX + FILE)).asByteArray().length),
                        size -> assertThat(size.asInt()).isEqualTo(orders().length())),
                new Kind("probe: DuckDB in this JVM (copy, describe; kept open)", null,
                        InteractiveLatencyBench::describeInLockedDuckDb,
                        columns -> assertThat(columns.asInt()).isEqualTo(4)));
    }

    /**
     * What metadata-browser does per request before it reads a row: a folder of the request's own holding the object's
     * copy, inside the directory of a DuckDB opened and locked to it beforehand (as dq-engine's DuckDbWorkspace opens
     * it, and kept open across requests as metadata-browser keeps it), and a DESCRIBE of the CSV.
     */
    private static JsonNode describeInLockedDuckDb() {
        try {
            Path folder = Files.createTempDirectory(duckDbDirectory, "request-");
            Path copy = Files.writeString(folder.resolve("object-0.csv"), orders());
            int columns = 0;
            try (Statement statement = duckDb.createStatement();
                    ResultSet described = statement.executeQuery("DESCRIBE SELECT * FROM read_csv('" + copy
                            + "', header = true)")) {
                while (described.next()) {
                    columns++;
                }
            }
            Files.delete(copy);
            Files.delete(folder);
            return IntNode.valueOf(columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB refused the probe", e);
        }
    }

    private static Connection lockedDuckDb(Path directory) {
        Properties settings = new Properties();
        settings.setProperty("autoinstall_known_extensions", "false");
        settings.setProperty("autoload_known_extensions", "false");
        try {
            Connection opened = DriverManager.getConnection("jdbc:duckdb:", settings);
            try (Statement statement = opened.createStatement()) {
                statement.execute("SET allowed_directories = ['" + directory + "/']");
                statement.execute("SET enable_external_access = false");
                statement.execute("SET lock_configuration = true");
            }
            return opened;
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not be opened for the probe", e);
        }
    }

    private static JsonNode sqsHop(String queue) {
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("probe"));
        Message message = sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(2)).messages().getFirst();
        sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(message.receiptHandle()));
        return TextNode.valueOf(message.body());
    }

    /** The body of a 2xx answer; any other fails the benchmark with the answer. */
    private static JsonNode ok(ControlApiClient.Response response) {
        assertThat(response.status()).as("answer %s", response.body()).isEqualTo(200);
        return response.body();
    }

    private static Measured measure(Kind kind) {
        long[] nanos = new long[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long started = System.nanoTime();
            JsonNode answer = kind.call().get();
            nanos[i] = System.nanoTime() - started;
            kind.check().accept(answer);
        }
        Arrays.sort(nanos);
        return new Measured(kind, nanos);
    }

    private static String report(List<Measured> measured, String loadBefore, String loadAfter) {
        TextTable table = new TextTable(60, "request", ">n", ">p50 ms", ">p99 ms", ">max ms", ">p99 target ms",
                "met");
        for (Measured m : measured) {
            table.row(m.kind().name(), m.nanos().length, millis(m.percentileMillis(0.50)),
                    millis(m.percentileMillis(0.99)), millis(m.maxMillis()),
                    m.kind().target() == null ? "-" : m.kind().target().toMillis(), m.met());
        }
        return "Interactive latency on the embedded mesh, " + Instant.now() + " (" + WARM_UP
                + " warm-up rounds over every kind, then " + REQUESTS + " sequential requests per kind, through control-api's TLS port)\n"
                + table.render() + "\n"
                + "  machine: " + machine() + "\n"
                + "  load average (1/5/15 min) before: " + loadBefore + ", after: " + loadAfter + "\n";
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** The CPU model and count, memory and Java: what the figures depend on. */
    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException e) {
            // not Linux: the CPU model stays unknown
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + String.format(Locale.ROOT, "%.1f GB", memory / 1e9) + " RAM, " + System.getProperty("os.name")
                + " " + System.getProperty("os.version") + ", Java " + Runtime.version();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f (1 min)",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** {@value #ROWS} orders; every {@value #FAILING_EVERY}rd has a malformed email, so a check stores a full page. */
    private static String orders() {
        StringBuilder csv = new StringBuilder("id,customer,email,amount\n");
        for (int id = 1; id <= ROWS; id++) {
            csv.append(id).append(",Customer ").append(id).append(',')
                    .append(id % FAILING_EVERY == 0 ? "customer" + id + "#example.com" : "customer" + id + "@example.com")
                    .append(',').append(id * 7 % 1000).append(".50\n");
        }
        return csv.toString();
    }
}
