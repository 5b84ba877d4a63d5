package dev.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.outpost.crypto.EnvelopeCipher;
import dev.outpost.crypto.LocalKeyFileProvider;
import dev.outpost.embedded.ControlApiClient;
import dev.outpost.embedded.ControlApiException;
import dev.outpost.embedded.DemoDataset;
import dev.outpost.embedded.DemoDataset.ExpectedCheck;
import dev.outpost.embedded.Mesh;
import dev.outpost.embedded.Poll;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The whole product across processes: the packaged services run as separate processes in the embedded mesh (as
 * {@code ./outpost demo} runs them) and are driven through control-api's public REST API only.
 *
 * <p>Runs first on the suite's {@linkplain SharedMesh shared mesh}. The demo job runs once; the tests then check its
 * outcome against the counts planted in the sample ({@link DemoDataset}), that the canary and the other customer
 * values reach the person who asks for failing rows, and that the results bucket holds them sealed only. That the
 * control side holds none of them is {@link NoCustomerDataOnTheControlSideIT}'s part, which runs after every class.
 */
@Order(1)
@ExtendWith(SharedMesh.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedMeshIT {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

    private static Mesh mesh;
    private static ControlApiClient api;
    private static String dataSourceId;
    private static String ruleSetId;
    private static String jobId;
    private static JsonNode job;
    private static final Map<String, String> TIMINGS = new LinkedHashMap<>();

    @BeforeAll
    static void runTheDemoJob(Mesh shared) {
        mesh = shared;
        api = mesh.api();
        mesh.upload(Mesh.DATA_BUCKET, "demo/customers/" + DemoDataset.FILE_NAME, DemoDataset.data());
        dataSourceId = api.createDataSource("demo-customers", mesh.edgeId(), Mesh.DATA_BUCKET, "demo/customers/",
                "csv").path("id").asText();
        ruleSetId = api.createRuleSet("demo-rules", DemoDataset.rulesYaml()).path("id").asText();
        long started = System.nanoTime();
        jobId = api.submitJob(dataSourceId, ruleSetId, null).path("id").asText();
        job = api.awaitJob(jobId, JOB_TIMEOUT, progress -> System.out.println("[job] " + progress.path("state")
                .asText() + " " + progress.path("progress").asText() + " " + progress.path("progressMessage")
                        .asText("")), mesh::requireHealthy);
        timing("demo job, submit to done", started);
    }

    @AfterAll
    static void printTheTimings() {
        TIMINGS.forEach((what, took) -> System.out.println("[timing] " + what + ": " + took));
    }

    @Test
    @Order(1)
    void theDemoJobSucceedsWithTheExactPlantedCounts() {
        assertThat(job.path("state").asText()).as("job %s: %s", jobId, job).isEqualTo("succeeded");
        JsonNode result = job.path("result");
        TIMINGS.put("demo job, runner's own duration", result.path("durationMillis").asLong() + " ms");
        assertThat(result.path("rowsScanned").asLong()).isEqualTo(DemoDataset.ROWS);

        List<JsonNode> checks = new ArrayList<>();
        result.path("checks").forEach(checks::add);
        assertThat(checks).extracting(check -> check.path("name").asText())
                .containsExactlyElementsOf(DemoDataset.CHECKS.stream().map(ExpectedCheck::name).toList());
        for (int i = 0; i < checks.size(); i++) {
            JsonNode actual = checks.get(i);
            ExpectedCheck expected = DemoDataset.CHECKS.get(i);
            String name = expected.name();
            assertThat(actual.path("type").asText()).as(name + " type").isEqualTo(expected.type());
            assertThat(actual.path("dimension").asText()).as(name + " dimension").isEqualTo(expected.dimension());
            assertThat(actual.path("rowsChecked").asLong()).as(name + " rowsChecked").isEqualTo(DemoDataset.ROWS);
            assertThat(actual.path("rowsFailed").asLong()).as(name + " rowsFailed").isEqualTo(expected.rowsFailed());
            assertThat(actual.path("passed").asBoolean()).as(name + " passed").isEqualTo(expected.passes());
            assertThat(actual.path("score").asDouble()).as(name + " score").isCloseTo(expected.score(), within(1e-9));
            long expectedSamples = expected.type().equals("row_count") ? 0 : Math.min(expected.rowsFailed(), 100);
            assertThat(actual.path("samplesStored").asLong()).as(name + " samplesStored").isEqualTo(expectedSamples);
        }
    }

    @Test
    @Order(2)
    void theScoresAreTheMeansOfTheCheckScores() {
        JsonNode result = job.path("result");
        assertThat(result.path("score").asDouble()).isCloseTo(DemoDataset.overallScore(), within(1e-9));
        Map<String, Double> dimensions = new LinkedHashMap<>();
        result.path("dimensions").properties().forEach(e -> dimensions.put(e.getKey(), e.getValue().asDouble()));
        assertThat(dimensions).containsOnlyKeys(DemoDataset.dimensionScores().keySet());
        DemoDataset.dimensionScores().forEach((dimension, score) ->
                assertThat(dimensions.get(dimension)).as(dimension).isCloseTo(score, within(1e-9)));
    }

    @Test
    @Order(3)
    void theFailingRowsPageHoldsThePlantedRowsWithTheCanary() {
        long started = System.nanoTime();
        JsonNode page = api.failingRows(jobId, DemoDataset.SHOWCASE_CHECK, 0, 50);
        timing("failing-rows page", started);

        assertThat(page.path("totalRows").asLong()).isEqualTo(DemoDataset.SHOWCASE_FAILING_IDS.size());
        List<String> columns = new ArrayList<>();
        page.path("columns").forEach(column -> columns.add(column.asText()));
        assertThat(columns).containsExactlyElementsOf(DemoDataset.COLUMNS);
        List<List<String>> rows = rows(page);
        assertThat(rows).extracting(row -> row.get(0))
                .containsExactlyInAnyOrderElementsOf(DemoDataset.SHOWCASE_FAILING_IDS);
        assertThat(rows).filteredOn(row -> row.contains(DemoDataset.CANARY)).singleElement()
                .satisfies(row -> assertThat(row.get(0)).isEqualTo(DemoDataset.CANARY_ID));
        List<String> emails = rows.stream().map(row -> row.get(columns.indexOf("email"))).toList();
        assertThat(emails).containsAll(plantedMalformedEmails());

        JsonNode second = api.failingRows(jobId, DemoDataset.SHOWCASE_CHECK, 1, 5);
        assertThat(rows(second)).as("page 1 of 5 rows each").hasSize(DemoDataset.SHOWCASE_FAILING_IDS.size() - 5);
    }

    @Test
    @Order(4)
    void theEdgeListsTheSampleFileWithItsColumns() {
        JsonNode files = api.dataSourceFiles(dataSourceId).path("files");
        assertThat(files).hasSize(1);
        assertThat(files.get(0).path("key").asText()).endsWith(DemoDataset.FILE_NAME);
        List<String> columns = new ArrayList<>();
        files.get(0).path("columns").forEach(column -> columns.add(column.path("name").asText()));
        assertThat(columns).containsExactlyElementsOf(DemoDataset.COLUMNS);
    }

    @Test
    @Order(5)
    void aRuleSetWithAYamlErrorIsRefusedWithItsLineAndColumn() {
        String yaml = """
                checks:
                  - name: id-present
                    type: not_null
                     column: id
                """;
        assertThatThrownBy(() -> api.createRuleSet("broken-rules", yaml))
                .isInstanceOfSatisfying(ControlApiException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(400);
                    JsonNode problems = refused.body().path("problems");
                    assertThat(problems).as("problems in %s", refused.body()).isNotEmpty();
                    assertThat(problems.get(0).path("line").asInt()).isEqualTo(4);
                    assertThat(problems.get(0).path("column").asInt()).isEqualTo(12);
                    assertThat(problems.get(0).path("message").asText()).isNotBlank();
                });
    }

    @Test
    @Order(6)
    void aJobWhoseRulesNameAMissingColumnFailsWithInvalidRules() {
        String ruleSetId = api.createRuleSet("missing-column-rules", """
                checks:
                  - name: tier-present
                    type: not_null
                    column: loyalty_tier
                """).path("id").asText();
        long started = System.nanoTime();
        String failingJobId = api.submitJob(dataSourceId, ruleSetId, null).path("id").asText();
        JsonNode failed = api.awaitJob(failingJobId, JOB_TIMEOUT, progress -> {
        }, mesh::requireHealthy);
        timing("job with a missing column, submit to failed", started);

        assertThat(failed.path("state").asText()).as("job %s", failed).isEqualTo("failed");
        assertThat(failed.path("failure").path("code").asText()).isEqualTo("INVALID_RULES");
        assertThat(failed.path("failure").path("reason").asText()).contains("loyalty_tier");
        assertThat(failed.has("result")).as("a failed job has no result").isFalse();
    }

    @Test
    @Order(10)
    void theSamplesInTheResultsBucketAreSealed() {
        List<String> keys = mesh.s3().listObjectsV2Paginator(b -> b.bucket(Mesh.RESULTS_BUCKET)
                .prefix(Mesh.RESULTS_PREFIX + "jobs/" + jobId + "/")).contents().stream().map(S3Object::key).toList();
        long failingRowLevelChecks = DemoDataset.CHECKS.stream()
                .filter(check -> !check.passes() && !check.type().equals("row_count")).count();
        assertThat(keys).as("one sample object per failing check").hasSize((int) failingRowLevelChecks);

        EnvelopeCipher cipher = new EnvelopeCipher(LocalKeyFileProvider.load(mesh.keyFile()));
        List<String> secrets = demoCustomerValues();
        boolean canaryFound = false;
        for (String key : keys) {
            byte[] stored = mesh.s3().getObjectAsBytes(b -> b.bucket(Mesh.RESULTS_BUCKET).key(key)).asByteArray();
            String raw = new String(stored, StandardCharsets.ISO_8859_1);
            assertThat(raw).as("stored bytes of %s", key).startsWith("OPEV");
            for (String secret : secrets) {
                assertThat(raw).as("stored bytes of %s", key).doesNotContain(secret);
            }
            // Control: with the customer's key, the same bytes do hold the rows.
            String opened = new String(cipher.open(stored, key), StandardCharsets.UTF_8);
            canaryFound |= opened.contains(DemoDataset.CANARY);
        }
        assertThat(canaryFound).as("the canary is in the decrypted samples (else this test proves nothing)")
                .isTrue();
    }

    @Test
    @Order(13)
    void theControlPlaneServesOnlyTls13() throws IOException {
        URI control = mesh.controlApiUri();
        SSLContext trust = mesh.controlApiTrust();
        try (SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket(control.getHost(),
                control.getPort())) {
            socket.setEnabledProtocols(new String[] {"TLSv1.3"});
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
        assertThatThrownBy(() -> {
            try (SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket(control.getHost(),
                    control.getPort())) {
                socket.setEnabledProtocols(new String[] {"TLSv1.2"});
                socket.startHandshake();
            }
        }).as("a TLS 1.2 client").isInstanceOf(SSLHandshakeException.class);
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + control.getHost() + ":" + control.getPort() + "/api/v1/edges")).build(),
                HttpResponse.BodyHandlers.ofString()))
                .as("a plaintext client").isInstanceOf(IOException.class);
    }

    @Test
    @Order(14)
    void aCallWithoutAValidApiKeyIsRefusedAndTellsNothing() {
        ControlApiClient.Response none = mesh.api().withApiKey(null).exchange("GET", "/api/v1/edges", null);
        ControlApiClient.Response wrong = mesh.api().withApiKey(mesh.adminKey().substring(0, 13) + "A".repeat(43))
                .exchange("GET", "/api/v1/edges/" + mesh.edgeId(), null);
        assertThat(none.status()).as("no key").isEqualTo(401);
        assertThat(wrong.status()).as("a wrong key with the admin key's prefix").isEqualTo(401);
        assertThat(wrong.body()).as("the same answer for both").isEqualTo(none.body());
        assertThat(mesh.api().exchange("GET", "/api/v1/edges/" + mesh.edgeId(), null).status())
                .as("the admin key").isEqualTo(200);
    }

    @Test
    @Order(15)
    void theDemoJobsRunnerTrainedAnAotCacheWithoutCustomerValuesAndTheNextRunnerStartsWithIt() throws IOException {
        if (Runtime.version().feature() < 25) {
            // The mesh's runners run on the mesh's JDK, and AOT caches need JDK 25: none is trained or used.
            assertThat(aotCaches()).isEmpty();
            assertThat(Files.readString(newestRunnerLog())).doesNotContain("AOTCache");
            return;
        }
        Path cache = Poll.until("the AOT cache the demo job's runner writes as it exits", Duration.ofMinutes(1),
                Duration.ofMillis(100), () -> aotCaches().stream().findFirst(), mesh::requireHealthy);
        // Classes and method profiles only: the values the job read are not in it.
        String bytes = new String(Files.readAllBytes(cache), StandardCharsets.ISO_8859_1);
        assertThat(demoCustomerValues()).allSatisfy(value -> assertThat(bytes).doesNotContain(value));

        String next = api.submitJob(dataSourceId, ruleSetId, null).path("id").asText();
        JsonNode done = api.awaitJob(next, JOB_TIMEOUT, progress -> { }, mesh::requireHealthy);

        assertThat(done.path("state").asText()).isEqualTo("succeeded");
        assertThat(aotCaches()).containsExactly(cache);
        // A JVM given a cache it cannot use says so in the runner's output ("[error][aot] ...").
        assertThat(Files.readString(newestRunnerLog())).doesNotContain("[aot]").doesNotContain("AOT cache");
    }

    private static List<Path> aotCaches() {
        try (Stream<Path> files = Files.list(mesh.jobRunnerAotCacheDir())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".aot")).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path newestRunnerLog() throws IOException {
        try (Stream<Path> logs = Files.list(mesh.jobRunnerLogDir())) {
            return logs.max(Comparator.comparingInt(log -> Integer.parseInt(log.getFileName().toString()
                    .replaceAll("\\D", "")))).orElseThrow();
        }
    }

    /**
     * Customer values that must stay on the customer's side: the canary (as a name, and lower-cased as in its
     * row's email) and every email of the sample.
     */
    static List<String> demoCustomerValues() {
        List<String> secrets = new ArrayList<>();
        secrets.add(DemoDataset.CANARY);
        secrets.add(DemoDataset.CANARY.toLowerCase(Locale.ROOT)); // the canary's email starts with it
        sampleRows().stream().map(row -> row.get(2)).filter(email -> !email.isEmpty()).forEach(secrets::add);
        return secrets;
    }

    /** The malformed emails of the showcase check's rows, read from the sample. */
    private static List<String> plantedMalformedEmails() {
        return sampleRows().stream().filter(row -> DemoDataset.SHOWCASE_FAILING_IDS.contains(row.get(0)))
                .map(row -> row.get(2)).toList();
    }

    private static List<List<String>> sampleRows() {
        return new String(DemoDataset.data(), StandardCharsets.UTF_8).lines().skip(1)
                .map(line -> List.of(line.split(",", -1))).toList();
    }

    private static List<List<String>> rows(JsonNode page) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : page.path("rows")) {
            List<String> cells = new ArrayList<>();
            row.forEach(cell -> cells.add(cell.isNull() ? null : cell.asText()));
            rows.add(cells);
        }
        return rows;
    }

    private static void timing(String what, long startedNanos) {
        String took = String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
        TIMINGS.put(what, took);
        System.out.println("[timing] " + what + ": " + took);
    }
}
