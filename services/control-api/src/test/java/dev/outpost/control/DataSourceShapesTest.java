package dev.outpost.control;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.outpost.proto.api.v1.CreateDataSourceRequest;
import dev.outpost.proto.api.v1.DataSource;
import dev.outpost.proto.api.v1.DataSourceServiceGrpc;
import dev.outpost.proto.api.v1.GetDataSourceRequest;
import dev.outpost.proto.api.v1.UpdateDataSourceRequest;
import dev.outpost.proto.job.v1.CsvCompression;
import dev.outpost.proto.job.v1.CsvOptions;
import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.DataLocation;
import dev.outpost.proto.job.v1.DatabaseTable;
import dev.outpost.proto.job.v1.PostgresDatabase;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Data sources as files (CSV options, globs, JSON lines) or PostgreSQL tables, over REST and gRPC, and every
 * validation error of their shapes.
 */
@QuarkusTest
@TestProfile(ControlApiTestProfile.class)
class DataSourceShapesTest extends HttpsTest {

    static final String ORDERS_DB = "jdbc:postgresql://orders-db:5432/orders";

    @Inject
    EntityManager db;

    static String createEdge(String name) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/v1/edges").then().statusCode(201).extract().path("edge.id");
    }

    static Map<String, Object> table(String jdbcUrl, String schema, String table) {
        return Map.of("jdbcUrl", jdbcUrl, "user", "outpost_reader", "passwordSecret", "env:ORDERS_DB_PASSWORD",
                "schema", schema, "table", table);
    }

    static String createTableSource(String name, String edgeId, String jdbcUrl, String table) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "edgeId", edgeId, "table", table(jdbcUrl, "public", table)))
                .post("/api/v1/data-sources").then().statusCode(201).extract().path("id");
    }

    @Test
    void filesCarryTheirFormatGlobAndCsvOptions() {
        String edgeId = createEdge("shapes-files-edge");
        String csvId = given().contentType(ContentType.JSON).body(Map.of("name", "shapes-csv", "edgeId", edgeId,
                        "bucket", "data", "prefix", "exports/", "format", "csv", "glob", "2026/**/orders-*.csv.gz",
                        "csv", Map.of("header", false, "delimiter", ";", "quote", "'", "compression", "gzip")))
                .post("/api/v1/data-sources")
                .then().statusCode(201)
                .body("kind", equalTo("files")).body("format", equalTo("csv"))
                .body("glob", equalTo("2026/**/orders-*.csv.gz"))
                .body("csv.header", equalTo(false)).body("csv.delimiter", equalTo(";"))
                .body("csv.quote", equalTo("'")).body("csv.compression", equalTo("gzip"))
                .body("$", not(hasKey("table")))
                .extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("csv", Map.of("delimiter", "\t")))
                .patch("/api/v1/data-sources/" + csvId)
                .then().statusCode(200)
                .body("csv.delimiter", equalTo("\t")).body("csv", not(hasKey("quote")))
                .body("csv", not(hasKey("header"))).body("glob", equalTo("2026/**/orders-*.csv.gz"));
        given().contentType(ContentType.JSON).body(Map.of("format", "parquet", "glob", ""))
                .patch("/api/v1/data-sources/" + csvId)
                .then().statusCode(200).body("format", equalTo("parquet"))
                .body("$", not(hasKey("csv"))).body("$", not(hasKey("glob")));
        given().contentType(ContentType.JSON).body(Map.of("csv", Map.of("delimiter", ";")))
                .patch("/api/v1/data-sources/" + csvId)
                .then().statusCode(400).body("message", containsString("csv options apply to format 'csv' only"));

        given().contentType(ContentType.JSON).body(Map.of("name", "shapes-jsonl", "edgeId", edgeId,
                        "bucket", "data", "prefix", "events/", "format", "json_lines"))
                .post("/api/v1/data-sources")
                .then().statusCode(201).body("format", equalTo("json_lines")).body("$", not(hasKey("csv")));
    }

    @Test
    void aTableSourceHoldsOnlyTheReferenceToItsPassword() {
        String edgeId = createEdge("shapes-table-edge");
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("name", "shapes-orders", "edgeId", edgeId, "table", table(ORDERS_DB, "sales", "Orders")))
                .post("/api/v1/data-sources")
                .then().statusCode(201)
                .body("kind", equalTo("table"))
                .body("table.jdbcUrl", equalTo(ORDERS_DB)).body("table.user", equalTo("outpost_reader"))
                .body("table.passwordSecret", equalTo("env:ORDERS_DB_PASSWORD"))
                .body("table.schema", equalTo("sales")).body("table.table", equalTo("Orders"))
                .body("$", not(hasKey("bucket"))).body("$", not(hasKey("format")))
                .extract().path("id");

        String updatedAt = given().contentType(ContentType.JSON)
                .body(Map.of("table", Map.of("passwordSecret", "file:/var/run/secrets/orders/password")))
                .patch("/api/v1/data-sources/" + id)
                .then().statusCode(200)
                .body("table.passwordSecret", equalTo("file:/var/run/secrets/orders/password"))
                .body("table.jdbcUrl", equalTo(ORDERS_DB)).body("table.table", equalTo("Orders"))
                .body("updatedAt", notNullValue()).extract().path("updatedAt");
        given().contentType(ContentType.JSON).body(Map.of("table", Map.of("table", "Orders")))
                .patch("/api/v1/data-sources/" + id)
                .then().statusCode(200).body("updatedAt", equalTo(updatedAt));
        given().contentType(ContentType.JSON).body(Map.of("bucket", "data"))
                .patch("/api/v1/data-sources/" + id)
                .then().statusCode(400).body("message", containsString("is a PostgreSQL table"))
                .body("message", containsString("register a new data source"));
        given().get("/api/v1/data-sources/" + id + "/files")
                .then().statusCode(400).body("message", containsString("is a PostgreSQL table, not files"))
                .body("message", containsString("/api/v1/data-sources/" + id + "/browse"));

        String filesId = given().contentType(ContentType.JSON).body(Map.of("name", "shapes-not-table",
                        "edgeId", edgeId, "bucket", "data", "format", "parquet"))
                .post("/api/v1/data-sources").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("table", table(ORDERS_DB, "public", "t")))
                .patch("/api/v1/data-sources/" + filesId)
                .then().statusCode(400).body("message", containsString("is files in S3"));

        List<?> stored = db.createNativeQuery("select password_secret from data_source where id = cast(:id as uuid)")
                .setParameter("id", id).getResultList();
        assertThat(stored).isEqualTo(List.of("file:/var/run/secrets/orders/password"));
    }

    /** Each bad definition, the part of its error that says what and where, and what must not be echoed. */
    private record Refusal(Map<String, Object> body, String says, String mustNotEcho) {
    }

    @Test
    void everyMalformedDefinitionIsRefusedNamingTheFieldAndTheFix() {
        String edgeId = createEdge("shapes-errors-edge");
        Map<String, Object> files = Map.of("bucket", "data", "format", "csv");
        List<Refusal> refusals = List.of(
                new Refusal(Map.of(), "needs to say where its data is", null),
                new Refusal(with(files, "table", table(ORDERS_DB, "public", "t")), "files or a table, not both", null),
                new Refusal(Map.of("bucket", "data", "format", "xlsx"), "'json_lines'", null),
                new Refusal(Map.of("bucket", "data", "format", "parquet", "csv", Map.of("delimiter", ";")),
                        "csv options apply to format 'csv' only", null),
                new Refusal(with(files, "csv", Map.of("delimiter", ";;")), "csv.delimiter ';;' must be exactly one",
                        null),
                new Refusal(with(files, "csv", Map.of("delimiter", "\n")), "csv.delimiter", null),
                new Refusal(with(files, "csv", Map.of("quote", "ab")), "csv.quote 'ab' must be exactly one", null),
                new Refusal(with(files, "csv", Map.of("delimiter", "|", "quote", "|")), "must differ", null),
                new Refusal(with(files, "csv", Map.of("compression", "zstd")), "csv.compression 'zstd'", null),
                new Refusal(with(files, "prefix", "in/\u0000"), "prefix is not a valid S3 key prefix", null),
                new Refusal(with(files, "glob", "/abs/*.csv"), "write it relative to the prefix", null),
                new Refusal(with(files, "glob", "../other/*.csv"), "has a '..' segment", null),
                new Refusal(with(files, "glob", "{a,{b,c}}.csv"), "unbalanced or nested braces", null),
                new Refusal(tableWith("jdbcUrl", "jdbc:mysql://db:3306/orders"), "only PostgreSQL is supported", null),
                new Refusal(tableWith("jdbcUrl", "jdbc:postgresql://reader:s3cret-pw@db:5432/orders"),
                        "put the password in a secret on the edge", "s3cret-pw"),
                new Refusal(tableWith("jdbcUrl", "jdbc:postgresql://db:5432/orders?ssl=true&password=s3cret-pw"),
                        "put the password in a secret on the edge", "s3cret-pw"),
                new Refusal(tableWith("jdbcUrl", "jdbc:postgresql://db:5432/orders?sslpassword=s3cret-pw"),
                        "parameter 'sslpassword'", "s3cret-pw"),
                new Refusal(tableWith("jdbcUrl", "jdbc:postgresql://db:5432/orders?ssl=true;Password=s3cret-pw"),
                        "holds a password in its parameters", "s3cret-pw"),
                new Refusal(tableWith("jdbcUrl", "jdbc:postgresql://db:5432/orders?user=reader"),
                        "give the user in table.user", null),
                new Refusal(tableWith("jdbcUrl", "jdbc:postgresql://db:5432/"), "names no host or no database", null),
                new Refusal(tableWith("jdbcUrl", ""), "table.jdbcUrl is missing", null),
                new Refusal(tableWith("jdbcUrl", "jdbc:postgresql://db:5432/my orders"), "holds spaces", null),
                new Refusal(tableWith("user", "u".repeat(64)), "1-63 bytes", null),
                new Refusal(tableWith("user", ""), "table.user '' is not a PostgreSQL user name", null),
                new Refusal(tableWith("passwordSecret", ""), "table.passwordSecret is missing", null),
                new Refusal(tableWith("passwordSecret", "s3cret-pw"), "never give the password itself", "s3cret-pw"),
                new Refusal(tableWith("passwordSecret", "env:ORDERS-DB"), "names no valid environment variable",
                        null),
                new Refusal(tableWith("passwordSecret", "file:secrets/pw"), "absolute, normalised file path", null),
                new Refusal(tableWith("schema", ""), "table.schema '' is not a PostgreSQL name", null),
                new Refusal(tableWith("table", "t".repeat(64)), "1-63 bytes", null));
        int n = 0;
        for (Refusal refusal : refusals) {
            Map<String, Object> body = new LinkedHashMap<>(refusal.body());
            body.put("name", "shapes-bad-" + n++);
            body.put("edgeId", edgeId);
            String answer = given().contentType(ContentType.JSON).body(body).post("/api/v1/data-sources")
                    .then().statusCode(400).body("error", equalTo("INVALID_ARGUMENT")).extract().asString();
            assertThat(answer).as("refusing %s", refusal.body()).contains(refusal.says());
            if (refusal.mustNotEcho() != null) {
                assertThat(answer).as("refusing %s", refusal.body()).doesNotContain(refusal.mustNotEcho());
            }
        }
        assertThat(given().get("/api/v1/data-sources").then().statusCode(200).extract().asString())
                .doesNotContain("shapes-bad-");
    }

    @Test
    void tableAndFileSourcesOverGrpc() {
        String edgeId = createEdge("shapes-grpc-edge");
        var sources = DataSourceServiceGrpc.newBlockingStub(api);
        DatabaseTable orders = DatabaseTable.newBuilder()
                .setDatabase(PostgresDatabase.newBuilder().setJdbcUrl(ORDERS_DB).setUser("outpost_reader")
                        .setPasswordSecret("env:ORDERS_DB_PASSWORD"))
                .setSchema("public").setTable("orders").build();
        DataSource table = sources.createDataSource(CreateDataSourceRequest.newBuilder().setName("shapes-grpc-table")
                .setEdgeId(edgeId).setTable(orders).build());
        assertThat(table.getTable()).isEqualTo(orders);
        assertThat(table.hasLocation()).isFalse();
        DataSource changed = sources.updateDataSource(UpdateDataSourceRequest.newBuilder().setId(table.getId())
                .setTable(DatabaseTable.newBuilder().setTable("orders_2026")).build());
        assertThat(changed.getTable()).isEqualTo(orders.toBuilder().setTable("orders_2026").build());

        DataLocation csv = DataLocation.newBuilder().setBucket("data").setPrefix("in/")
                .setFormat(DataFormat.DATA_FORMAT_CSV).setGlob("*.csv")
                .setCsv(CsvOptions.newBuilder().setHeader(true).setDelimiter(";")
                        .setCompression(CsvCompression.CSV_COMPRESSION_NONE))
                .build();
        DataSource files = sources.createDataSource(CreateDataSourceRequest.newBuilder().setName("shapes-grpc-csv")
                .setEdgeId(edgeId).setLocation(csv).build());
        assertThat(sources.getDataSource(GetDataSourceRequest.newBuilder().setId(files.getId()).build())
                .getLocation()).isEqualTo(csv);
        assertThat(files.hasTable()).isFalse();
        assertThat(sources.updateDataSource(UpdateDataSourceRequest.newBuilder().setId(files.getId())
                .setGlob("").setCsv(CsvOptions.newBuilder().setQuote("'")).build()).getLocation())
                .isEqualTo(csv.toBuilder().setGlob("").setCsv(CsvOptions.newBuilder().setQuote("'")).build());

        Status both = failure(() -> sources.createDataSource(CreateDataSourceRequest.newBuilder()
                .setName("shapes-grpc-both").setEdgeId(edgeId).setLocation(csv).setTable(orders).build()));
        assertThat(both.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(both.getDescription()).contains("not both");
        Status withPassword = failure(() -> sources.createDataSource(CreateDataSourceRequest.newBuilder()
                .setName("shapes-grpc-pw").setEdgeId(edgeId).setTable(orders.toBuilder().setDatabase(
                        orders.getDatabase().toBuilder().setJdbcUrl(ORDERS_DB + "?password=s3cret-pw")))
                .build()));
        assertThat(withPassword.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(withPassword.getDescription()).contains("put the password in a secret on the edge")
                .doesNotContain("s3cret-pw");
        assertThat(failure(() -> sources.updateDataSource(UpdateDataSourceRequest.newBuilder().setId(files.getId())
                .setTable(orders).build())).getDescription()).contains("is files in S3");
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> result = new LinkedHashMap<>(base);
        result.put(key, value);
        return result;
    }

    private static Map<String, Object> tableWith(String key, String value) {
        return Map.of("table", with(table(ORDERS_DB, "public", "orders"), key, value));
    }
}
