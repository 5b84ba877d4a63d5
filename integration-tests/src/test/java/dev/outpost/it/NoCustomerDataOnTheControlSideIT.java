package dev.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

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
import dev.outpost.embedded.DemoDataset;
import dev.outpost.embedded.Mesh;
import dev.outpost.embedded.OutpostService;

/**
 * No customer data on the control side, proven across processes. Canary values unique to this run are planted in a
 * CSV and a Parquet file and in a table of the customer's own PostgreSQL: on a row that fails a check (so they travel
 * to the person who asks for failing rows) and on a row that passes every check. Jobs run over both files, the files
 * and the table are previewed (every canary reaches the person's client) and browsed (metadata only), the failing
 * rows are read through control-api (plain, filtered and sorted, and as pages fetched from pre-signed URLs, whose
 * answers through control-api carry no row) and a profile job's values are viewed; then every table of the control
 * plane's database, control-api's log (across every restart of the run) and every file of the control plane in the
 * state directory, the database's own files included (raw bytes, after a CHECKPOINT), are searched for the canaries,
 * and the first two for the demo data's customer values and the pre-signed URLs' signatures too: zero occurrences.
 *
 * <p>Every search has a control that shows it can find what it looks for: the canaries are found in the customer's
 * bucket on disk with the same byte search, the failing-rows pages and the previews do carry them to the client, and
 * each scanned place holds the metadata it should (job ids, a marker name). Runs last on the {@linkplain SharedMesh
 * shared mesh}, so what every other class did (the demo job, the faults on the link and on sources) is scanned too.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(SharedMesh.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoCustomerDataOnTheControlSideIT {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);
    private static final String FAILING_CHECK = "email-format";
    private static final List<String> COLUMNS = List.of("id", "name", "email", "note");
    private static final int ROWS = 20;
    private static final int FAILING_ID = 7;
    private static final int QUIET_ID = 13;
    private static final String RULES = """
            checks:
              - name: id-present
                type: not_null
                column: id
              - name: email-format
                type: regex
                column: email
                pattern: '^[^@ ]+@[^@ ]+\\.[a-z]{2,}$'
            """;

    /** Unique to this run, so that nothing left from an earlier run can be found. */
    private static final String RUN = runId();
    /** A name the control plane is meant to store (a rule set's): what the raw-bytes scan must find. */
    private static final String MARKER = "canary-scan-marker-" + RUN.toLowerCase(Locale.ROOT);

    @TempDir
    static Path temp;

    /** The canaries of the customer's PostgreSQL table: a name on the failing row, a note on a quiet row. */
    private static final String TABLE_NAME_CANARY = "CANARYTABLENAME" + RUN;
    private static final String TABLE_QUIET_CANARY = "CANARYTABLEQUIET" + RUN;

    private static Mesh mesh;
    private static ControlApiClient api;
    private static DataSourceCalls calls;
    private static CustomerDatabase customerDatabase;
    private static String tableSourceId;
    private static String profileJobId;
    /** The signatures of the pre-signed URLs handed out: credentials for rows, so searched for like values. */
    private static final List<String> URL_SIGNATURES = new ArrayList<>();
    private static final Map<Planted, String> DATA_SOURCES = new LinkedHashMap<>();
    /** The key of each planted object, as a preview names it. */
    private static final Map<Planted, String> KEYS = new LinkedHashMap<>();
    private static final Map<Planted, String> JOBS = new LinkedHashMap<>();
    private static final List<String> FINDINGS = new ArrayList<>();

    /**
     * The data set planted in one format: its canaries on the row that fails {@value #FAILING_CHECK} (a name and a
     * malformed email) and on a row that passes every check (a note).
     */
    private enum Planted {
        CSV, PARQUET;

        String format() {
            return name().toLowerCase(Locale.ROOT);
        }

        String failingName() {
            return "CANARY" + name() + "NAME" + RUN;
        }

        String failingEmail() {
            return "canary" + format() + "mail" + RUN.toLowerCase(Locale.ROOT) + "#example.com";
        }

        String quietNote() {
            return "CANARY" + name() + "QUIET" + RUN;
        }

        List<String> canaries() {
            return List.of(failingName(), failingEmail(), quietNote());
        }

        String csv() {
            StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
            for (int id = 1; id <= ROWS; id++) {
                csv.append(id).append(',')
                        .append(id == FAILING_ID ? failingName() : "Customer " + id).append(',')
                        .append(id == FAILING_ID ? failingEmail() : "customer" + id + "@example.com").append(',')
                        .append(id == QUIET_ID ? quietNote() : "regular").append('\n');
            }
            return csv.toString();
        }

        /** The file to upload: the CSV itself, or the same rows as Parquet (uncompressed, so bytes stay findable). */
        Path write(Path dir) throws IOException, SQLException {
            Path csv = Files.writeString(dir.resolve("customers-" + format() + ".csv"), csv());
            if (this == CSV) {
                return csv;
            }
            Path parquet = dir.resolve("customers.parquet");
            try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                    Statement statement = duckdb.createStatement()) {
                statement.execute("COPY (SELECT * FROM read_csv(" + literal(csv) + ", header = true)) TO "
                        + literal(parquet) + " (FORMAT parquet, COMPRESSION uncompressed)");
            }
            return parquet;
        }

        private static String literal(Path path) {
            return "'" + path.toString().replace("'", "''") + "'";
        }
    }

    @BeforeAll
    static void plantTheCanariesAndRunJobsOverThem(Mesh shared) throws IOException, SQLException {
        mesh = shared;
        api = mesh.api();
        String ruleSetId = api.createRuleSet(MARKER, RULES).path("id").asText();
        for (Planted planted : Planted.values()) {
            Path file = planted.write(temp);
            String prefix = "canaries/" + planted.format() + "/";
            KEYS.put(planted, mesh.upload(Mesh.DATA_BUCKET, prefix + file.getFileName(), file));
            String dataSourceId = api.createDataSource("canaries-" + planted.format(), mesh.edgeId(),
                    Mesh.DATA_BUCKET, prefix, planted.format()).path("id").asText();
            DATA_SOURCES.put(planted, dataSourceId);
            JOBS.put(planted, api.submitJob(dataSourceId, ruleSetId, null).path("id").asText());
        }
        profileJobId = api.send("POST", "/api/v1/jobs", Map.of("dataSourceId", DATA_SOURCES.get(Planted.CSV),
                "kind", "profile")).path("id").asText();
        Map<String, String> awaited = new LinkedHashMap<>();
        JOBS.forEach((planted, jobId) -> awaited.put(planted + " job", jobId));
        awaited.put("CSV profile job", profileJobId);
        for (Map.Entry<String, String> job : awaited.entrySet()) {
            JsonNode ended = api.awaitJob(job.getValue(), JOB_TIMEOUT, progress -> {
            }, mesh::requireHealthy);
            assertThat(ended.path("state").asText()).as("%s: %s", job.getKey(), ended).isEqualTo("succeeded");
        }
        plantTheTableCanaries();
    }

    /** The customer's own PostgreSQL (not the control plane's), with a table holding this run's table canaries. */
    private static void plantTheTableCanaries() {
        calls = new DataSourceCalls(api);
        customerDatabase = CustomerDatabase.start(temp);
        StringBuilder rows = new StringBuilder("INSERT INTO public.customers VALUES ");
        for (int id = 1; id <= ROWS; id++) {
            rows.append(id > 1 ? ", " : "").append('(').append(id).append(", '")
                    .append(id == FAILING_ID ? TABLE_NAME_CANARY : "Customer " + id).append("', 'customer").append(id)
                    .append("@example.com', '").append(id == QUIET_ID ? TABLE_QUIET_CANARY : "regular").append("')");
        }
        customerDatabase.execute("CREATE TABLE public.customers (id integer PRIMARY KEY, name text, email text, "
                + "note text)", rows.toString());
        String secret = customerDatabase.createLogin("canary_reader",
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO canary_reader");
        tableSourceId = calls.createTableSource("canaries-table", mesh.edgeId(),
                customerDatabase.table("canary_reader", secret, "public", "customers"));
    }

    @AfterAll
    static void reportTheFindings() throws IOException {
        if (customerDatabase != null) {
            customerDatabase.close();
        }
        Path file = Path.of(System.getProperty("outpost.it.report-dir", "target")).resolve("canary-scan.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", FINDINGS) + "\n", StandardCharsets.UTF_8);
        System.out.println("[canaries]\n  " + String.join("\n  ", FINDINGS));
    }

    @Test
    @Order(1)
    void theCanariesOfAFailingRowReachThePersonWhoAsksForFailingRows() {
        for (Planted planted : Planted.values()) {
            JsonNode page = api.failingRows(JOBS.get(planted), FAILING_CHECK, 0, 50);
            assertThat(page.path("totalRows").asLong()).as("%s failing rows", planted).isEqualTo(1);
            assertThat(page.toString()).as("%s failing-rows page", planted)
                    .contains(planted.failingName(), planted.failingEmail())
                    .doesNotContain(planted.quietNote());
        }
    }

    @Test
    @Order(2)
    void filteredSortedAndPreSignedPagesAndProfilesCarryTheCanariesToThePersonOnly()
            throws IOException, InterruptedException {
        for (Planted planted : Planted.values()) {
            String rows = "/api/v1/jobs/" + JOBS.get(planted) + "/checks/" + FAILING_CHECK + "/failing-rows?pageSize=50";
            JsonNode filtered = api.send("GET", rows + "&filter=email:contains:MAIL&sort=-id", null);
            assertThat(filtered.path("matchingRows").asLong()).as("%s filtered rows", planted).isEqualTo(1);
            assertThat(filtered.toString()).as("%s filtered and sorted page", planted)
                    .contains(planted.failingName(), planted.failingEmail());
            JsonNode none = api.send("GET", rows + "&filter=name:equals:nobody", null);
            assertThat(none.path("rows")).as("%s page filtered to nothing", planted).isEmpty();

            JsonNode presigned = api.send("GET", rows + "&presigned=true", null);
            String url = presigned.path("presigned").path("url").asText();
            assertThat(url).as("%s pre-signed answer %s", planted, presigned).startsWith("http");
            assertThat(foundIn(presigned.toString(), allCanaries())).as("canaries in the %s pre-signed answer, "
                    + "which crosses the control side", planted).isEmpty();
            HttpResponse<String> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(fetched.statusCode()).as("%s pre-signed page fetched from the customer's bucket", planted)
                    .isEqualTo(200);
            assertThat(fetched.body()).as("%s pre-signed page", planted)
                    .contains(planted.failingName(), planted.failingEmail());
            URL_SIGNATURES.add(signature(url));
        }
        JsonNode profile = api.send("GET", "/api/v1/jobs/" + profileJobId + "/profile", null);
        assertThat(profile.toString()).as("the CSV's profile (top values of column note)")
                .contains(Planted.CSV.quietNote());
        FINDINGS.add("client: filtered and sorted failing-row pages, pages fetched from pre-signed URLs (the answers "
                + "through control-api held no canary) and the CSV's profile carried their canaries to the person");
    }

    @Test
    @Order(3)
    void previewsCarryEveryCanaryOfTheObjectOrTableToThePerson() {
        for (Planted planted : Planted.values()) {
            JsonNode preview = ok(calls.preview(DATA_SOURCES.get(planted), "key", KEYS.get(planted)));
            assertThat(preview.path("rows")).as("%s preview rows", planted).hasSize(ROWS);
            assertThat(preview.toString()).as("%s preview", planted).contains(planted.canaries());
        }
        JsonNode table = ok(calls.preview(tableSourceId));
        assertThat(table.path("rows")).as("table preview rows").hasSize(ROWS);
        assertThat(table.toString()).as("table preview").contains(TABLE_NAME_CANARY, TABLE_QUIET_CANARY);
        FINDINGS.add("client: previews of the CSV, the Parquet file and the PostgreSQL table carried all their "
                + "canaries to the person");
    }

    @Test
    @Order(4)
    void browsingShowsFilesAndColumnsButNoValues() {
        for (Planted planted : Planted.values()) {
            JsonNode files = api.dataSourceFiles(DATA_SOURCES.get(planted)).path("files");
            assertThat(files).as("%s files", planted).hasSize(1);
            List<String> columns = new ArrayList<>();
            files.get(0).path("columns").forEach(column -> columns.add(column.path("name").asText()));
            assertThat(columns).as("%s columns", planted).containsExactlyElementsOf(COLUMNS);
            assertThat(foundIn(files.toString(), allCanaries())).as("canaries in the %s files answer", planted)
                    .isEmpty();
            JsonNode level = ok(calls.browse(DATA_SOURCES.get(planted)));
            assertThat(level.path("objects")).as("%s browse", planted).singleElement()
                    .satisfies(object -> assertThat(object.path("key").asText()).isEqualTo(KEYS.get(planted)));
            assertThat(foundIn(level.toString(), allCanaries())).as("canaries in the %s browse answer", planted)
                    .isEmpty();
        }
        JsonNode tables = ok(calls.browse(tableSourceId, "schema", "public"));
        assertThat(tables.toString()).as("tables of schema public").contains("customers", "email");
        assertThat(foundIn(tables.toString(), allCanaries())).as("canaries in the table browse answer").isEmpty();
    }

    @Test
    @Order(5)
    void theByteSearchFindsEveryCanaryInTheCustomersBucketOnDisk() {
        // The control of the scans below: the same search over the files the local S3 keeps for the customer. (The
        // table's canaries live in the customer's PostgreSQL; their preview above shows they are real values.)
        Map<String, List<Path>> found = occurrences(files(mesh.stateDir().resolve("s3")), fileCanaries());
        assertThat(found.keySet()).as("canaries found in the customer's bucket").containsExactlyInAnyOrderElementsOf(
                fileCanaries());
        FINDINGS.add("control: every file canary (" + fileCanaries().size() + ") found in the customer's S3 folder, "
                + "in " + found.values().stream().flatMap(List::stream).distinct().count() + " file(s)");
    }

    @Test
    @Order(6)
    void noTableOfTheControlPlaneDatabaseHoldsACustomerValue() throws SQLException, IOException {
        String dump = dumpDatabase();
        Path dumpFile = Path.of(System.getProperty("outpost.it.report-dir", "target"))
                .resolve("control-plane-database.txt");
        Files.writeString(dumpFile, dump, StandardCharsets.UTF_8);

        // Control: the dump holds the metadata and aggregates the control plane is meant to keep.
        assertThat(dump).contains(MARKER, FAILING_CHECK, "email");
        JOBS.values().forEach(jobId -> assertThat(dump).contains(jobId));
        List<String> values = customerValues();
        assertThat(foundIn(dump, values)).as("customer values in the control-plane database (see %s)", dumpFile)
                .isEmpty();
        FINDINGS.add("database: " + dump.lines().filter(line -> line.startsWith("== ")).count() + " tables, "
                + dump.length() + " chars, searched for " + values.size() + " customer values: 0 found");
    }

    @Test
    @Order(7)
    void controlApisLogHoldsNoCustomerValue() throws IOException {
        Path log = mesh.logFile(OutpostService.CONTROL_API);
        String text = Files.readString(log, StandardCharsets.UTF_8);
        // Control: the log is the one of this run's control-api, which logged the edge's link.
        assertThat(text).as("control-api log %s", log).contains("control-api", mesh.edgeId());
        List<String> values = customerValues();
        assertThat(foundIn(text, values)).as("customer values in control-api's log %s", log).isEmpty();
        FINDINGS.add("control-api log: " + text.lines().count() + " lines (every start of the run), searched for "
                + values.size() + " customer values: 0 found");
    }

    @Test
    @Order(8)
    void nothingControlApiPersistedHoldsACanaryNotEvenTheDatabaseFiles() throws SQLException {
        try (Connection connection = database(); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT"); // what PostgreSQL holds in memory is on disk now
        }
        List<Path> files = mesh.controlPlaneFiles();
        assertThat(files).as("control-plane files").contains(mesh.logFile(OutpostService.CONTROL_API));
        // The database files are searched for the canaries only: the demo's thousand emails over tens of MB of raw
        // files would take minutes, and the text dump above covers them.
        List<String> canaries = allCanaries();
        Map<String, List<Path>> found = occurrences(files, canaries);
        assertThat(found).as("canaries in what control-api persisted").isEmpty();

        // Control: a name the control plane does store is found in the database's files by the same search.
        assertThat(occurrences(files, List.of(MARKER))).as("the marker in the database files").isNotEmpty();
        FINDINGS.add("control-api's files (" + files.size() + " files, " + megabytes(files) + " MB: everything in the "
                + "state directory but the compute plane's, the database's files included, raw bytes after "
                + "CHECKPOINT) searched for " + canaries.size() + " canaries: 0 found; control marker found");
    }

    /** The signature of a pre-signed URL: what makes it a credential. */
    private static String signature(String url) {
        String parameter = "X-Amz-Signature=";
        int start = url.indexOf(parameter);
        assertThat(start).as("signature in %s", url).isNotNegative();
        int end = url.indexOf('&', start);
        return url.substring(start + parameter.length(), end < 0 ? url.length() : end);
    }

    /** The body of a 2xx answer; any other fails the test with the answer. */
    private static JsonNode ok(ControlApiClient.Response response) {
        assertThat(response.status()).as("answer %s", response.body()).isEqualTo(200);
        return response.body();
    }

    private static String runId() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().withUpperCase().formatHex(random);
    }

    /** This run's canaries in files and in the customer's table, and the demo data's canary. */
    private static List<String> allCanaries() {
        List<String> canaries = new ArrayList<>(fileCanaries());
        canaries.add(TABLE_NAME_CANARY);
        canaries.add(TABLE_QUIET_CANARY);
        return canaries;
    }

    /** This run's canaries in both file formats, and the demo data's canary: those in the customer's bucket. */
    private static List<String> fileCanaries() {
        List<String> canaries = new ArrayList<>();
        for (Planted planted : Planted.values()) {
            canaries.addAll(planted.canaries());
        }
        canaries.add(DemoDataset.CANARY);
        canaries.add(DemoDataset.CANARY.toLowerCase(Locale.ROOT)); // as in its row's email
        return canaries;
    }

    /** Every customer value planted in the run: the canaries and the demo data's emails. */
    private static List<String> customerValues() {
        List<String> values = new ArrayList<>(allCanaries());
        values.addAll(URL_SIGNATURES);
        EmbeddedMeshIT.demoCustomerValues().stream().filter(value -> !values.contains(value)).forEach(values::add);
        return values;
    }

    private static List<String> foundIn(String text, List<String> values) {
        return values.stream().filter(text::contains).toList();
    }

    /** Where each value occurs in {@code files}, searched as raw UTF-8 bytes; values found nowhere are left out. */
    private static Map<String, List<Path>> occurrences(List<Path> files, List<String> values) {
        Map<String, List<Path>> found = new LinkedHashMap<>();
        for (Path file : files) {
            String raw;
            try {
                // ISO-8859-1 maps each byte to one char, so an ASCII value's UTF-8 bytes are found as its text.
                raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                if (Files.exists(file)) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
                continue; // a temporary file removed meanwhile
            }
            for (String value : values) {
                if (raw.contains(value)) {
                    found.computeIfAbsent(value, v -> new ArrayList<>()).add(file);
                }
            }
        }
        return found;
    }

    private static String megabytes(List<Path> files) {
        long bytes = 0;
        for (Path file : files) {
            try {
                bytes += Files.size(file);
            } catch (IOException e) {
                // removed meanwhile: it counts for nothing
            }
        }
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }

    /** Every regular file under {@code root}. */
    private static List<Path> files(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(mesh.jdbcUrl(), mesh.databaseUser(), mesh.databasePassword());
    }

    /** Every table in schema public, each as its name, its columns and all its rows, as text. */
    private static String dumpDatabase() throws SQLException {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = database()) {
            List<String> tables = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                            + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (result.next()) {
                    tables.add(result.getString(1));
                }
            }
            assertThat(tables).as("control-plane tables").isNotEmpty();
            for (String table : tables) {
                dump.append("== ").append(table).append('\n');
                try (Statement statement = connection.createStatement();
                        ResultSet result = statement.executeQuery("SELECT * FROM public.\""
                                + table.replace("\"", "\"\"") + "\"")) {
                    ResultSetMetaData meta = result.getMetaData();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        dump.append(i > 1 ? " | " : "").append(meta.getColumnName(i));
                    }
                    dump.append('\n');
                    while (result.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            dump.append(i > 1 ? " | " : "").append(text(result, i));
                        }
                        dump.append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }

    /** A column's value as text; byte arrays as UTF-8 as well, so values hidden in binary columns show. */
    private static String text(ResultSet result, int column) throws SQLException {
        Object value = result.getObject(column);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return String.valueOf(value);
    }
}
