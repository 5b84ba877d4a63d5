package dev.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.outpost.embedded.ControlApiClient;
import dev.outpost.embedded.Mesh;
import dev.outpost.localcloud.LocalPostgres;

/**
 * Issue 4's source shapes as a user runs them, through control-api's REST API on the {@linkplain SharedMesh shared
 * mesh}: JSON-lines files narrowed by a glob, a header-less CSV with {@code ;} as its delimiter read as the reference
 * of a check, a PostgreSQL table checked where it is (its password a {@code file:} secret reference the edge's runners
 * read), a profile whose values are shown on request only, and metadata imports searched in the catalog. Every job is
 * submitted up front and awaited afterwards, so that the runners work side by side.
 */
@Order(5)
@ExtendWith(SharedMesh.class)
class SourceShapesIT {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
    private static final String DATABASE = "shapes";

    /** Two objects the glob takes (five orders) and one it leaves (an order that would fail every check). */
    private static final Map<String, String> ORDER_OBJECTS = Map.of(
            "shapes/orders/2026/01/orders-a.jsonl", """
                    {"id": 1, "customer_id": 10, "amount": 5.5}
                    {"id": 2, "customer_id": 11, "amount": null}
                    {"id": 3, "customer_id": 99, "amount": 7.25}
                    """,
            "shapes/orders/2026/02/orders-b.jsonl", """
                    {"id": 4, "customer_id": 12, "amount": 1.0}
                    {"id": 5, "customer_id": 98, "amount": 2.0}
                    """,
            "shapes/orders/2026/02/returns.jsonl", """
                    {"id": 6, "customer_id": 97, "amount": null}
                    """);
    private static final String ORDERS_GLOB = "**/orders-*.jsonl";
    /** Three customers, no header, {@code ;}-delimited; customer 12 has no name. */
    private static final String CUSTOMERS_CSV = "10;Ann\n11;Bob\n12;\n";

    private static final String ORDER_RULES = """
            checks:
              - {name: customer-known, type: reference, column: customer_id, reference: {source: %s, column: %s}}
              - {name: amount-present, type: not_null, column: amount}
            """;

    private static Mesh mesh;
    private static ControlApiClient api;
    private static LocalPostgres customerDatabase;
    private static String customersSource;
    private static String tableSource;
    private static final Map<String, String> JOBS = new LinkedHashMap<>();
    private static final Map<String, JsonNode> DONE = new LinkedHashMap<>();

    @BeforeAll
    static void registerTheSourcesAndRunTheJobs(Mesh shared, @TempDir Path secrets) throws IOException, SQLException {
        long started = System.nanoTime();
        mesh = shared;
        api = mesh.api();
        ORDER_OBJECTS.forEach((key, lines) -> mesh.upload(Mesh.DATA_BUCKET, key,
                lines.getBytes(StandardCharsets.UTF_8)));
        mesh.upload(Mesh.DATA_BUCKET, "shapes/customers/customers.csv", CUSTOMERS_CSV.getBytes(StandardCharsets.UTF_8));

        customerDatabase = LocalPostgres.start(null, 0);
        customerDatabase.createDatabase(DATABASE);
        sql("CREATE SCHEMA shop",
                "CREATE TABLE shop.customers (id bigint PRIMARY KEY, name text)",
                "INSERT INTO shop.customers VALUES (10, 'Ann'), (11, 'Bob')",
                "CREATE TABLE shop.orders (id bigint, customer_id bigint, amount numeric(10,2))",
                "INSERT INTO shop.orders VALUES (1, 10, 5.00), (2, 11, NULL), (3, 99, 7.50), (4, 10, 654.25)",
                "ANALYZE shop.customers", "ANALYZE shop.orders");
        Path passwordFile = Files.writeString(secrets.resolve("shapes.password"), customerDatabase.password());
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        String secret = "file:" + passwordFile.toRealPath();

        String ordersSource = createSource(Map.of("name", "shapes-orders", "bucket", Mesh.DATA_BUCKET,
                "prefix", "shapes/orders/", "format", "json_lines", "glob", ORDERS_GLOB));
        customersSource = createSource(Map.of("name", "shapes-customers", "bucket", Mesh.DATA_BUCKET,
                "prefix", "shapes/customers/", "format", "csv", "csv", Map.of("header", false, "delimiter", ";")));
        createSource(Map.of("name", "shapes-db-customers", "table", table(secret, "customers")));
        tableSource = createSource(Map.of("name", "shapes-db-orders", "table", table(secret, "orders")));

        String fileRules = ruleSet("shapes-file-rules", ORDER_RULES.formatted("shapes-customers", "column0"));
        String customerRules = ruleSet("shapes-customer-rules", """
                checks:
                  - {name: name-present, type: not_null, column: column1}
                """);
        String tableRules = ruleSet("shapes-table-rules", ORDER_RULES.formatted("shapes-db-customers", "id"));
        JOBS.put("json lines", submit(ordersSource, fileRules, "check"));
        JOBS.put("csv", submit(customersSource, customerRules, "check"));
        JOBS.put("table", submit(tableSource, tableRules, "check"));
        JOBS.put("profile", submit(tableSource, null, "profile"));
        JOBS.put("files import", api.send("POST", "/api/v1/catalog/imports", Map.of("dataSourceId",
                customersSource)).path("id").asText());
        JOBS.put("schema import", api.send("POST", "/api/v1/catalog/imports", Map.of("dataSourceId", tableSource,
                "schema", "shop")).path("id").asText());
        JOBS.forEach((what, jobId) -> DONE.put(what, api.awaitJob(jobId, JOB_TIMEOUT, progress -> {
        }, mesh::requireHealthy)));
        System.out.printf("[timing] source shapes, %d jobs from registering to done: %.1f s%n", JOBS.size(),
                (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    static void stopTheCustomerDatabase() {
        if (customerDatabase != null) {
            customerDatabase.close();
        }
    }

    @Test
    void jsonLinesUnderAGlobAreCheckedAgainstAHeaderlessSemicolonCsv() {
        JsonNode result = succeeded("json lines");

        assertThat(result.path("rowsScanned").asLong()).as("the glob leaves returns.jsonl out").isEqualTo(5);
        assertThat(checks(result)).containsExactly(tuple("customer-known", 2L), tuple("amount-present", 1L));
    }

    @Test
    void aHeaderlessSemicolonCsvIsReadWithNumberedColumns() {
        JsonNode result = succeeded("csv");

        assertThat(result.path("rowsScanned").asLong()).isEqualTo(3);
        assertThat(checks(result)).containsExactly(tuple("name-present", 1L));
    }

    @Test
    void aTableIsCheckedWhereItIsAgainstATableOfTheSameDatabase() {
        JsonNode result = succeeded("table");

        assertThat(result.path("rowsScanned").asLong()).isEqualTo(4);
        assertThat(checks(result)).containsExactly(tuple("customer-known", 1L), tuple("amount-present", 1L));
    }

    @Test
    void aProfileShowsCountsInTheJobAndItsValuesOnlyOnRequest() {
        JsonNode result = succeeded("profile");

        assertThat(result.path("rowsScanned").asLong()).isEqualTo(4);
        assertThat(result.path("profile")).extracting(column -> column.path("name").asText(),
                column -> column.path("nulls").asLong(), column -> column.path("distinct").asLong())
                .containsExactly(tuple("id", 0L, 4L), tuple("customer_id", 0L, 3L), tuple("amount", 1L, 3L));
        assertThat(DONE.get("profile").toString()).as("the job holds counts only").doesNotContain("654.25");

        JsonNode profile = api.send("GET", "/api/v1/jobs/" + JOBS.get("profile") + "/profile", null);
        List<String> columns = texts(profile.path("columns"));
        JsonNode amount = StreamSupport.stream(profile.path("values").spliterator(), false)
                .filter(row -> row.get(columns.indexOf("column")).asText().equals("amount")).findFirst()
                .orElseThrow();
        assertThat(profile.path("rows").asLong()).isEqualTo(4);
        assertThat(amount.get(columns.indexOf("max")).asText()).isEqualTo("654.25");
    }

    @Test
    void metadataImportsFillTheCatalogWithColumnsAndRowCountsSearchableByName() {
        succeeded("files import");
        succeeded("schema import");

        JsonNode csv = api.send("GET", "/api/v1/catalog/items?dataSourceId=" + customersSource, null);
        assertThat(csv.path("items")).extracting(item -> item.path("name").asText(),
                item -> item.path("rowCount").asLong(), item -> item.path("rowCountKind").asText(),
                item -> texts(item.path("columns").findValues("name")))
                .containsExactly(tuple("shapes/customers/customers.csv", 3L, "exact", List.of("column0", "column1")));

        JsonNode tables = api.send("GET", "/api/v1/catalog/items?dataSourceId=" + tableSource, null);
        assertThat(tables.path("items")).extracting(item -> item.path("container").asText(),
                item -> item.path("name").asText(), item -> item.path("rowCount").asLong(),
                item -> item.path("rowCountKind").asText()).containsExactly(
                        tuple("shop", "customers", 2L, "estimated"), tuple("shop", "orders", 4L, "estimated"));
        assertThat(texts(tables.path("items").get(1).path("columns").findValues("name")))
                .containsExactly("id", "customer_id", "amount");

        JsonNode found = api.send("GET", "/api/v1/catalog/items?nameContains=CUSTOMERS", null);
        assertThat(found.path("items")).extracting(item -> item.path("name").asText())
                .contains("shapes/customers/customers.csv", "customers").doesNotContain("orders");
    }

    private static JsonNode succeeded(String what) {
        JsonNode job = DONE.get(what);
        assertThat(job.path("state").asText()).as("%s job %s", what, job).isEqualTo("succeeded");
        return job.path("result");
    }

    private static List<Tuple> checks(JsonNode result) {
        List<Tuple> checks = new ArrayList<>();
        result.path("checks").forEach(check -> checks.add(tuple(check.path("name").asText(),
                check.path("rowsFailed").asLong())));
        return checks;
    }

    private static List<String> texts(Iterable<JsonNode> nodes) {
        List<String> texts = new ArrayList<>();
        nodes.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static String createSource(Map<String, Object> definition) {
        Map<String, Object> body = new LinkedHashMap<>(definition);
        body.put("edgeId", mesh.edgeId());
        return api.send("POST", "/api/v1/data-sources", body).path("id").asText();
    }

    private static Map<String, Object> table(String secret, String name) {
        return Map.of("jdbcUrl", customerDatabase.jdbcUrl(DATABASE), "user", customerDatabase.user(),
                "passwordSecret", secret, "schema", "shop", "table", name);
    }

    private static String ruleSet(String name, String yaml) {
        return api.createRuleSet(name, yaml).path("id").asText();
    }

    private static String submit(String dataSourceId, String ruleSetId, String kind) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dataSourceId", dataSourceId);
        if (ruleSetId != null) {
            body.put("ruleSetId", ruleSetId);
        }
        body.put("kind", kind);
        return api.send("POST", "/api/v1/jobs", body).path("id").asText();
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(customerDatabase.jdbcUrl(DATABASE),
                customerDatabase.user(), customerDatabase.password());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
