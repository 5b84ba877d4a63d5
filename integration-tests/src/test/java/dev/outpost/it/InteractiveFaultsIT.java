package dev.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.outpost.embedded.ControlApiClient;
import dev.outpost.embedded.ControlApiClient.Response;
import dev.outpost.embedded.Mesh;
import dev.outpost.embedded.OutpostService;
import dev.outpost.embedded.Poll;
import dev.outpost.sqs.OutpostQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Bad input and faulty sources reach the person as a clear error within a bounded time, through control-api's REST
 * API and the real edge: a missing bucket, prefix, schema or table, a role without SELECT, a host that refuses
 * connections, and a source that accepts connections but never answers. Each error carries the edge's stable code
 * and a message naming what is wrong, and arrives within metadata-browser's time per request
 * ({@code outpost.browser.request-timeout}, lowered to {@value #BROWSER_TIMEOUT_SECONDS} s here and put back to its
 * default of 10 s afterwards) plus a margin for the relay.
 *
 * <p>Afterwards no request is left behind: the {@code interactive}, {@code results} and {@code replies} queues hold no
 * message, visible or in flight. And while metadata-browser waits on a source that hangs, concurrent previews asked
 * with two API keys of two data sources are answered without waiting for it, each to the one who asked, with that
 * source's rows only.
 *
 * <p>The customer's PostgreSQL is a server of its own ({@link CustomerDatabase}), not the control plane's.
 */
@Order(4)
@ExtendWith(SharedMesh.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InteractiveFaultsIT {

    private static final int BROWSER_TIMEOUT_SECONDS = 4;
    private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(BROWSER_TIMEOUT_SECONDS);
    /** What the relay (control-api, EdgeLink, plane-manager, two SQS hops) may add on a loaded 2-core machine. */
    private static final Duration RELAY_MARGIN = Duration.ofSeconds(3);
    private static final String PREFIX = "faults/";
    private static final int CONCURRENT_PER_KEY = 6;

    @TempDir
    static Path secrets;

    private static Mesh mesh;
    private static ControlApiClient api;
    private static DataSourceCalls calls;
    private static CustomerDatabase database;
    private static String readerSecret;
    private static SilentServer silent;
    private static final List<String> FINDINGS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void lowerTheBrowserTimeoutAndStartTheCustomerDatabase(Mesh shared) {
        mesh = shared;
        api = mesh.api();
        calls = new DataSourceCalls(api);
        restartMetadataBrowser(BROWSER_TIMEOUT_SECONDS + "s");
        database = CustomerDatabase.start(secrets);
        database.execute("CREATE TABLE public.orders (id integer PRIMARY KEY, customer text, amount numeric(10,2))",
                "INSERT INTO public.orders VALUES (1, 'faults customer', 12.50)");
        readerSecret = database.createLogin("reader", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader");
        silent = SilentServer.start();
    }

    @AfterAll
    static void putTheDefaultsBack() throws IOException {
        Path report = Path.of(System.getProperty("outpost.it.report-dir", "target")).resolve("interactive-faults.txt");
        Files.writeString(report, String.join("\n", FINDINGS) + "\n", StandardCharsets.UTF_8);
        System.out.println("[faults]\n  " + String.join("\n  ", FINDINGS));
        if (silent != null) {
            silent.close();
        }
        if (database != null) {
            database.close();
        }
        restartMetadataBrowser("10s");
    }

    @Test
    @Order(1)
    void aMissingBucketIsNamed() {
        String source = api.createDataSource("faults-missing-bucket", mesh.edgeId(), "faults-no-such-bucket", PREFIX,
                "csv").path("id").asText();
        assertClearError(() -> calls.testConnection(source, null), 404, "BUCKET_NOT_FOUND", "faults-no-such-bucket");
        assertClearError(() -> calls.browse(source), 404, "BUCKET_NOT_FOUND", "faults-no-such-bucket");
    }

    @Test
    @Order(2)
    void aPrefixWithNothingUnderItIsNamed() {
        String source = api.createDataSource("faults-missing-prefix", mesh.edgeId(), Mesh.DATA_BUCKET,
                PREFIX + "nothing-here/", "csv").path("id").asText();
        assertClearError(() -> calls.testConnection(source, null), 404, "PREFIX_NOT_FOUND", PREFIX + "nothing-here/");
    }

    @Test
    @Order(3)
    void aMissingTableOrSchemaIsNamed() {
        String source = calls.createTableSource("faults-missing-table", mesh.edgeId(),
                database.table("reader", readerSecret, "public", "no_such_table"));
        assertClearError(() -> calls.preview(source), 404, "TABLE_NOT_FOUND", "no_such_table");
        assertClearError(() -> calls.browse(source, "schema", "no_such_schema"), 404, "SCHEMA_NOT_FOUND",
                "no_such_schema");
    }

    @Test
    @Order(4)
    void aRoleWithoutSelectIsToldItMayNotRead() {
        String secret = database.createLogin("no_select");
        String source = calls.createTableSource("faults-no-select", mesh.edgeId(),
                database.table("no_select", secret, "public", "orders"));
        assertClearError(() -> calls.testConnection(source, "public"), 422, "ACCESS_DENIED", "'no_select'");
        assertClearError(() -> calls.preview(source), 422, "ACCESS_DENIED", "'no_select'");
    }

    @Test
    @Order(5)
    void aHostThatRefusesConnectionsIsNamed() {
        int closedPort = closedPort();
        String source = calls.createTableSource("faults-refused", mesh.edgeId(), CustomerDatabase.tableAt(
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/" + CustomerDatabase.DATABASE, "reader", readerSecret,
                "public", "orders"));
        assertClearError(() -> calls.testConnection(source, null), 502, "CONNECTION_REFUSED",
                String.valueOf(closedPort));
    }

    @Test
    @Order(6)
    void aSilentSourceTimesOutWithinTheBound() {
        String source = silentSource("faults-silent");
        long started = System.nanoTime();
        Response timedOut = calls.testConnection(source, null);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertError(timedOut, 504, "TIMEOUT", String.valueOf(silent.port()));
        assertThat(took).as("the silent source's answer").isGreaterThanOrEqualTo(BROWSER_TIMEOUT)
                .isLessThanOrEqualTo(BROWSER_TIMEOUT.plus(RELAY_MARGIN));
        assertThat(silent.accepted()).as("connections the edge opened to the silent source").isPositive();
        FINDINGS.add(String.format(Locale.ROOT, "silent source: TIMEOUT after %d ms (bound %d s + %d s)",
                took.toMillis(), BROWSER_TIMEOUT.toSeconds(), RELAY_MARGIN.toSeconds()));
    }

    @Test
    @Order(7)
    void previewsOfTwoKeysAskedWhileASourceHangsAreAnsweredEachWithItsOwnRows() throws Exception {
        String slowSource = silentSource("faults-silent-meanwhile");
        List<Asker> askers = List.of(Asker.upload("faults-first", api), Asker.upload("faults-second",
                api.withApiKey(viewerKey())));
        List<String> misdelivered = new CopyOnWriteArrayList<>();
        long firstAnswer = Long.MAX_VALUE;
        long lastAnswer = 0;
        long asked;
        Answered timedOut;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            int connectionsBefore = silent.accepted();
            Future<Answered> slow = pool.submit(() -> new Answered(calls.testConnection(slowSource, null),
                    System.nanoTime()));
            // Ask the others only once metadata-browser is busy with the hanging source.
            Poll.until("the edge to connect to the hanging source", Duration.ofSeconds(20), Duration.ofMillis(20),
                    () -> silent.accepted() > connectionsBefore ? Optional.of(true) : Optional.empty(),
                    mesh::requireHealthy);
            asked = System.nanoTime();
            List<Future<Long>> previews = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_PER_KEY; i++) {
                for (Asker asker : askers) {
                    previews.add(pool.submit(() -> asker.previewAndCheck(askers, misdelivered)));
                }
            }
            for (Future<Long> preview : previews) {
                long answeredAt = preview.get();
                firstAnswer = Math.min(firstAnswer, answeredAt);
                lastAnswer = Math.max(lastAnswer, answeredAt);
            }
            timedOut = slow.get();
        }
        assertError(timedOut.response(), 504, "TIMEOUT", String.valueOf(silent.port()));
        assertThat(misdelivered).as("previews that came back with another asker's rows").isEmpty();
        assertThat(firstAnswer).as("the first preview is answered while the hanging source holds its own request")
                .isLessThan(timedOut.atNanos());
        FINDINGS.add(String.format(Locale.ROOT, "%d concurrent previews by 2 keys asked while a source hangs: each "
                + "got its own rows, the first after %d ms, the last after %d ms; the hanging source's TIMEOUT %d ms "
                + "after they were asked", CONCURRENT_PER_KEY * askers.size(), (firstAnswer - asked) / 1_000_000,
                (lastAnswer - asked) / 1_000_000, (timedOut.atNanos() - asked) / 1_000_000));
    }

    /** An answer and when it arrived ({@link System#nanoTime()}). */
    private record Answered(Response response, long atNanos) {
    }

    @Test
    @Order(8)
    void noRequestOrReplyIsLeftOnTheInteractiveQueues() {
        try (SqsClient sqs = mesh.newSqsClient()) {
            for (OutpostQueue queue : List.of(OutpostQueue.INTERACTIVE, OutpostQueue.RESULTS, OutpostQueue.REPLIES)) {
                String url = sqs.getQueueUrl(b -> b.queueName(queue.queueName(Mesh.QUEUE_PREFIX))).queueUrl();
                Map<QueueAttributeName, String> counts = Poll.until(queue + " queue to be empty",
                        Duration.ofSeconds(30), Duration.ofMillis(200), () -> {
                            Map<QueueAttributeName, String> now = sqs.getQueueAttributes(b -> b.queueUrl(url)
                                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                                    .attributes();
                            return now.values().stream().allMatch("0"::equals) ? Optional.of(now) : Optional.empty();
                        }, mesh::requireHealthy);
                assertThat(counts).as("%s queue", queue).hasSize(2);
            }
        }
    }

    /** A table source whose host accepts connections and never answers. */
    private static String silentSource(String name) {
        return calls.createTableSource(name, mesh.edgeId(), CustomerDatabase.tableAt("jdbc:postgresql://127.0.0.1:"
                + silent.port() + "/" + CustomerDatabase.DATABASE, "reader", readerSecret, "public", "orders"));
    }

    /** Sends a request, and asserts that the answer is the expected error and came within the bound. */
    private static void assertClearError(Supplier<Response> request, int status, String code, String named) {
        long started = System.nanoTime();
        Response response = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertError(response, status, code, named);
        assertThat(took).as("time to the %s error", code).isLessThanOrEqualTo(BROWSER_TIMEOUT.plus(RELAY_MARGIN));
        FINDINGS.add(String.format(Locale.ROOT, "%d %s in %d ms: %s", status, code, took.toMillis(),
                response.body().path("message").asText()));
    }

    private static void assertError(Response response, int status, String code, String named) {
        JsonNode body = response.body();
        assertThat(response.status()).as("status of %s", body).isEqualTo(status);
        assertThat(body.path("error").asText()).as("code of %s", body).isEqualTo(code);
        assertThat(body.path("message").asText()).as("message of %s", body).contains(named);
        assertThat(body.toString()).as("no password in %s", body).doesNotContain(passwordOf("reader"));
    }

    private static String passwordOf(String role) {
        try {
            return Files.readString(secrets.resolve(role + ".password"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A viewer's API key of the mesh's organisation, created by its admin key. */
    private static String viewerKey() {
        return api.send("POST", "/api/v1/api-keys", Map.of("name", "faults-viewer", "role", "viewer")).path("key")
                .asText();
    }

    private static void restartMetadataBrowser(String requestTimeout) {
        mesh.stop(OutpostService.METADATA_BROWSER);
        mesh.startAgain(OutpostService.METADATA_BROWSER, Map.of("outpost.browser.request-timeout", requestTimeout));
    }

    /** A port on 127.0.0.1 that nothing listens on. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One person: an API key and a data source of one CSV object whose every row names the source, so that a preview
     * shows whose rows it holds.
     */
    private record Asker(String name, ControlApiClient api, String dataSourceId, String key) {

        static Asker upload(String name, ControlApiClient client) {
            String key = mesh.upload(Mesh.DATA_BUCKET, PREFIX + name + "/rows.csv", ("id,owner\n1," + name + "\n2,"
                    + name + "\n").getBytes(StandardCharsets.UTF_8));
            // Registered by the admin key (a viewer may not register), read with the asker's own key.
            String id = mesh.api().createDataSource(name, mesh.edgeId(), Mesh.DATA_BUCKET, PREFIX + name + "/", "csv")
                    .path("id").asText();
            return new Asker(name, client, id, key);
        }

        /** Previews the asker's object, notes rows of anyone else; answers when it was answered (nano time). */
        long previewAndCheck(List<Asker> everyone, List<String> misdelivered) {
            Response response = new DataSourceCalls(api).preview(dataSourceId, "key", key);
            long answeredAt = System.nanoTime();
            assertThat(response.status()).as("%s's preview: %s", name, response.body()).isEqualTo(200);
            String body = response.body().toString();
            assertThat(body).as("%s's preview", name).contains(name);
            everyone.stream().filter(other -> other != this && body.contains(other.name()))
                    .forEach(other -> misdelivered.add(name + " got " + other.name() + "'s rows: " + body));
            return answeredAt;
        }
    }

    /** A TCP server that accepts connections and never says a word: a source that hangs. */
    private static final class SilentServer implements AutoCloseable {

        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        private SilentServer(ServerSocket server) {
            this.server = server;
            this.acceptor = Thread.ofVirtual().name("silent-source").start(this::acceptForever);
        }

        static SilentServer start() {
            try {
                return new SilentServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the silent source's port", e);
            }
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return held.size();
        }

        private void acceptForever() {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept()); // held open, never read or written
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        @Override
        public void close() {
            try {
                server.close();
                for (Socket socket : held) {
                    socket.close();
                }
                acceptor.join(Duration.ofSeconds(5));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
