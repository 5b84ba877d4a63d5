package dev.outpost.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.util.JsonFormat;

import dev.outpost.edge.ResultsStore;
import dev.outpost.localcloud.LocalPostgres;
import dev.outpost.proto.job.v1.CatalogEntry;
import dev.outpost.proto.job.v1.CheckResult;
import dev.outpost.proto.job.v1.ColumnCounts;
import dev.outpost.proto.job.v1.ColumnInfo;
import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.DatabaseTable;
import dev.outpost.proto.job.v1.JobFailure;
import dev.outpost.proto.job.v1.JobKind;
import dev.outpost.proto.job.v1.JobResult;
import dev.outpost.proto.job.v1.JobSource;
import dev.outpost.proto.job.v1.JobSpec;
import dev.outpost.proto.job.v1.PostgresDatabase;
import dev.outpost.proto.job.v1.RowCountKind;
import dev.outpost.proto.results.v1.ColumnValues;
import dev.outpost.proto.results.v1.FailingGroup;
import dev.outpost.proto.results.v1.ProfileValues;
import dev.outpost.testsupport.InjectLocalCloud;
import dev.outpost.testsupport.KeyFileTestResource;
import dev.outpost.testsupport.PostgresTestResource;
import dev.outpost.testsupport.S3TestResource;
import dev.outpost.testsupport.SqsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Jobs on a PostgreSQL table, pushed down to the embedded PostgreSQL, with the password from a secret file. */
@QuarkusTest
@WithTestResource(SqsTestResource.class)
@WithTestResource(S3TestResource.class)
@WithTestResource(KeyFileTestResource.class)
@WithTestResource(PostgresTestResource.class)
class DatabaseSourceTest {

    private static final String RULES = """
            checks:
              - {name: known-customer, type: reference, column: customer_id, reference: {source: customers, column: id}}
              - {name: amount-present, type: not_null, column: amount}
            """;

    /** The runner's %test bounds (application.properties). */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(4);
    /** Taking the job, reporting it and the noise of a shared machine, on top of the bound. */
    private static final Duration TIMEOUT_MARGIN = Duration.ofSeconds(8);

    @InjectLocalCloud
    LocalPostgres postgres;

    @Inject
    RunnerJobs jobs;

    @Inject
    ResultsStore store;

    @TempDir
    Path secrets;

    private String schema;

    @BeforeEach
    void createTables() throws SQLException {
        schema = "shop_" + UUID.randomUUID().toString().replace("-", "");
        sql("CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".customers (id bigint PRIMARY KEY, name text)",
                "INSERT INTO " + schema + ".customers VALUES (10, 'Ann'), (11, 'Bob')",
                "CREATE TABLE " + schema + ".orders (id bigint, customer_id bigint, amount numeric(10,2))",
                "INSERT INTO " + schema + ".orders VALUES (1, 10, 5.00), (2, 11, NULL), (3, 99, 7.50),"
                        + " (4, 10, 987654.25)",
                "ANALYZE " + schema + ".customers",
                "CREATE VIEW " + schema + ".big_orders AS SELECT * FROM " + schema + ".orders WHERE amount > 100");
    }

    @Test
    void checksATableWhereItIsWithReferenceTablesFromTheSameDatabase() throws IOException {
        String jobId = jobs.submit(JobSpec.newBuilder()
                .setTable(table("orders", database(postgres.password())))
                .putReferences("customers", JobSource.newBuilder()
                        .setTable(table("customers", database(postgres.password()))).build())
                .setRuleSetYaml(RULES + """
                          - {name: amount-per-customer, type: not_null, column: amount, group_by: [customer_id]}
                        """)
                .setSampleLimit(5));

        JobResult result = jobs.succeedAfterSubmit(jobId);

        assertThat(result.getRowsScanned()).isEqualTo(4);
        assertThat(result.getChecksList()).extracting(CheckResult::getName, CheckResult::getRowsFailed,
                CheckResult::getSamplesStored, CheckResult::getGroups, CheckResult::getGroupsFailed).containsExactly(
                        tuple("known-customer", 1L, 1L, 0L, 0L),
                        tuple("amount-present", 1L, 1L, 0L, 0L),
                        tuple("amount-per-customer", 1L, 1L, 3L, 1L));
        assertThat(store.readFailingGroups(jobId, "amount-per-customer").orElseThrow().getFailingList())
                .extracting(group -> group.getKey().getValuesList(), FailingGroup::getRowsFailed)
                .containsExactly(tuple(List.of("11"), 1L));
    }

    @Test
    void profilesATableKeepingItsValuesSealed() throws IOException {
        JobSpec.Builder spec = JobSpec.newBuilder().setKind(JobKind.JOB_KIND_PROFILE)
                .setTable(table("orders", database(postgres.password())));
        String jobId = jobs.submit(spec);
        JobResult result = jobs.succeedAfterSubmit(jobId);

        assertThat(result.getRowsScanned()).isEqualTo(4);
        assertThat(result.getProfileList()).extracting(counts -> counts.getColumn().getName(),
                ColumnCounts::getNulls, ColumnCounts::getDistinct).containsExactly(tuple("id", 0L, 4L),
                        tuple("customer_id", 0L, 3L), tuple("amount", 1L, 3L));
        assertThat(JsonFormat.printer().print(result)).doesNotContain("987654");
        ProfileValues values = store.readProfile(jobId).orElseThrow();
        assertThat(values.getColumnsList()).extracting(ColumnValues::getName, ColumnValues::getMax)
                .contains(tuple("amount", "987654.25"));
    }

    @Test
    void importsTheMetadataOfASchemaOrOfOneTableFromTheCatalog() throws IOException {
        JobResult schemaWide = jobs.succeeded(JobSpec.newBuilder().setKind(JobKind.JOB_KIND_METADATA_IMPORT)
                .setTable(table("", database(postgres.password()))));
        JobResult oneTable = jobs.succeeded(JobSpec.newBuilder().setKind(JobKind.JOB_KIND_METADATA_IMPORT)
                .setTable(table("customers", database(postgres.password()))));

        assertThat(schemaWide.getCatalogList()).extracting(CatalogEntry::getKind, CatalogEntry::getContainer,
                CatalogEntry::getName, CatalogEntry::getRowCount, CatalogEntry::getRowCountKind).containsExactly(
                        tuple("view", schema, "big_orders", 0L, RowCountKind.ROW_COUNT_UNKNOWN),
                        tuple("table", schema, "customers", 2L, RowCountKind.ROW_COUNT_ESTIMATED),
                        tuple("table", schema, "orders", 0L, RowCountKind.ROW_COUNT_UNKNOWN));
        assertThat(schemaWide.getCatalog(2).getColumnsList()).extracting(ColumnInfo::getName, ColumnInfo::getType)
                .containsExactly(tuple("id", "bigint"), tuple("customer_id", "bigint"),
                        tuple("amount", "numeric(10,2)"));
        assertThat(oneTable.getCatalogList()).extracting(CatalogEntry::getName).containsExactly("customers");
    }

    @Test
    void failsWithSecretUnavailableNamingTheReferenceButNoSecret() {
        JobFailure failure = jobs.failed(JobSpec.newBuilder().setRuleSetYaml(RULES).setTable(table("orders",
                PostgresDatabase.newBuilder().setJdbcUrl(url()).setUser(postgres.user())
                        .setPasswordSecret("env:OUTPOST_TEST_NO_SUCH_PASSWORD"))));

        assertThat(failure.getCode()).isEqualTo("SECRET_UNAVAILABLE");
        assertThat(failure.getReason()).isEqualTo("the password of user '" + postgres.user() + "' on " + url()
                + " (secret env:OUTPOST_TEST_NO_SUCH_PASSWORD) cannot be found: environment variable"
                + " OUTPOST_TEST_NO_SUCH_PASSWORD is not set on the edge; set it in the job-runner's environment (e.g."
                + " from a Kubernetes Secret)");
    }

    @Test
    void failsWithDataUnreadableForAWrongPasswordWithoutQuotingIt() throws IOException {
        JobFailure failure = jobs.failed(JobSpec.newBuilder().setRuleSetYaml(RULES)
                .setTable(table("orders", database("not-the-password-canary"))));

        assertThat(failure.getCode()).isEqualTo("DATA_UNREADABLE");
        assertThat(failure.getReason()).startsWith("cannot connect to " + url() + " as user '" + postgres.user()
                + "': the database refused the user or password (SQLSTATE 28P01)").contains("Check the host, the"
                        + " database, the user and the secret file:" + secrets.toRealPath())
                .doesNotContain("canary");
    }

    @Test
    void failsWithDataUnreadableWhenNothingListensOrTheTableIsMissing() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String refused = "jdbc:postgresql://localhost:" + closedPort + "/outpost";
        JobFailure noServer = jobs.failed(JobSpec.newBuilder().setRuleSetYaml(RULES).setTable(table("orders",
                database(postgres.password()).setJdbcUrl(refused))));
        JobFailure noTable = jobs.failed(JobSpec.newBuilder().setRuleSetYaml(RULES)
                .setTable(table("order", database(postgres.password())))
                .putReferences("customers", JobSource.newBuilder()
                        .setTable(table("customers", database(postgres.password()))).build()));

        assertThat(noServer.getCode()).isEqualTo("DATA_UNREADABLE");
        assertThat(noServer.getReason()).startsWith("cannot connect to " + refused + " as user '" + postgres.user()
                + "': the connection failed or was lost (SQLSTATE 08001)");
        assertThat(noTable.getCode()).isEqualTo("DATA_UNREADABLE");
        assertThat(noTable.getReason()).isEqualTo("The PostgreSQL table " + schema + ".order on " + url()
                + " cannot be read: the table does not exist (names are exact, case included) (SQLSTATE 42P01).");
    }

    @Test
    void failsWithDatabaseTimeoutWhenTheServerAcceptsTheConnectionButNeverAnswers() throws IOException {
        // The kernel completes the TCP handshake of a listening socket nobody reads from: pgjdbc's first request (SSL
        // negotiation) is never answered, as with a firewall or a hung server.
        try (ServerSocket silent = new ServerSocket(0)) {
            String url = "jdbc:postgresql://localhost:" + silent.getLocalPort() + "/outpost";
            long started = System.nanoTime();
            JobFailure failure = jobs.failed(JobSpec.newBuilder().setRuleSetYaml(RULES).setTable(table("orders",
                    database(postgres.password()).setJdbcUrl(url))));
            Duration taken = Duration.ofNanos(System.nanoTime() - started);

            assertThat(failure.getCode()).isEqualTo("DATABASE_TIMEOUT");
            assertThat(failure.getReason()).isEqualTo(url + " did not answer as PostgreSQL within the connect"
                    + " timeout of 2s (user '" + postgres.user() + "'): the host or port may not be a PostgreSQL"
                    + " server, or a firewall or an overloaded server holds the connection. Check that the database"
                    + " is reachable from the edge and not overloaded; if it is merely slow, raise the job-runner's"
                    + " outpost.runner.database.connect-timeout.");
            assertThat(taken).isBetween(CONNECT_TIMEOUT, CONNECT_TIMEOUT.plus(TIMEOUT_MARGIN));
        }
    }

    @Test
    void failsWithDatabaseTimeoutWhenAQueryOutrunsTheStatementTimeout() throws IOException, SQLException {
        // Reading the columns (LIMIT 0) does not reach pg_sleep; the check's aggregate does.
        sql("CREATE VIEW " + schema + ".slow_orders AS SELECT o.* FROM " + schema + ".orders o CROSS JOIN"
                + " pg_sleep(60)");
        long started = System.nanoTime();
        JobFailure failure = jobs.failed(JobSpec.newBuilder().setRuleSetYaml("""
                checks:
                  - {name: amount-present, type: not_null, column: amount}
                """).setTable(table("slow_orders", database(postgres.password()))));
        Duration taken = Duration.ofNanos(System.nanoTime() - started);

        assertThat(failure.getCode()).isEqualTo("DATABASE_TIMEOUT");
        assertThat(failure.getReason()).isEqualTo("The PostgreSQL table " + schema + ".slow_orders on " + url()
                + " was not read within the statement timeout: the query was cancelled (statement timeout) (SQLSTATE"
                + " 57014). Check that the database is reachable from the edge and not overloaded; if it is merely"
                + " slow, raise the job-runner's outpost.runner.database.query-timeout.");
        assertThat(taken).isBetween(QUERY_TIMEOUT, QUERY_TIMEOUT.plus(TIMEOUT_MARGIN));
    }

    @Test
    void failsWithInvalidSourceForAMalformedSecretOrAReferenceInAnotherDatabase() throws IOException {
        JobFailure badReference = jobs.failed(JobSpec.newBuilder().setRuleSetYaml(RULES).setTable(table("orders",
                database(postgres.password()).setPasswordSecret("vault:orders"))));
        JobFailure otherDatabase = jobs.failed(JobSpec.newBuilder().setRuleSetYaml(RULES)
                .setTable(table("orders", database(postgres.password())))
                .putReferences("customers", JobSource.newBuilder().setTable(table("customers",
                        database(postgres.password()).setJdbcUrl(postgres.jdbcUrl("crm")))).build()));

        assertThat(badReference.getCode()).isEqualTo("INVALID_SOURCE");
        assertThat(badReference.getReason()).isEqualTo("the password of " + url() + ": secret reference"
                + " 'vault:orders' must start with env: or file:, e.g. env:ORDERS_DB_PASSWORD or"
                + " file:/var/run/secrets/orders-db/password");
        assertThat(otherDatabase.getCode()).isEqualTo("INVALID_SOURCE");
        assertThat(otherDatabase.getReason()).isEqualTo("reference source 'customers' is in " + postgres.jdbcUrl("crm")
                + " as user '" + postgres.user() + "', the data in " + url() + " as user '" + postgres.user()
                + "': a table's references must be read in the same database as the same user");
    }

    @Test
    void failsWithInvalidSourceForAnotherUrlAnUnnamedTableOrAFileReference() throws IOException {
        JobFailure mysql = jobs.failed(JobSpec.newBuilder().setRuleSetYaml(RULES).setTable(table("orders",
                database(postgres.password()).setJdbcUrl("jdbc:mysql://localhost/shop"))));
        JobFailure unnamed = jobs.failed(JobSpec.newBuilder().setRuleSetYaml(RULES)
                .setTable(table("", database(postgres.password()))));
        JobFailure files = jobs.failed(JobSpec.newBuilder().setRuleSetYaml(RULES)
                .setTable(table("orders", database(postgres.password())))
                .putReferences("customers", JobSource.newBuilder().setFiles(RunnerJobs.location("customers/",
                        DataFormat.DATA_FORMAT_CSV)).build()));

        assertThat(mysql.getCode()).isEqualTo("INVALID_SOURCE");
        assertThat(mysql.getReason()).isEqualTo("'jdbc:mysql://localhost/shop' is not a PostgreSQL JDBC URL; write"
                + " jdbc:postgresql://host:port/database");
        assertThat(unnamed.getCode()).isEqualTo("INVALID_SOURCE");
        assertThat(unnamed.getReason()).isEqualTo("the data source names no table: give the table's schema (e.g."
                + " public) and name");
        assertThat(files.getCode()).isEqualTo("INVALID_SOURCE");
        assertThat(files.getReason()).isEqualTo("reference source 'customers' is files, but the job reads a database"
                + " table: a table's references must be tables in the same database (the check runs there)");
    }

    @Test
    void failsAMetadataImportOfASchemaThatIsNotThere() throws IOException {
        JobFailure failure = jobs.failed(JobSpec.newBuilder().setKind(JobKind.JOB_KIND_METADATA_IMPORT)
                .setTable(table("", database(postgres.password())).setSchema("no_such_schema")));

        assertThat(failure.getCode()).isEqualTo("DATA_UNREADABLE");
        assertThat(failure.getReason()).isEqualTo("There is no schema 'no_such_schema' on " + url()
                + ": names are exact, case included.");
    }

    private DatabaseTable.Builder table(String name, PostgresDatabase.Builder database) {
        return DatabaseTable.newBuilder().setDatabase(database).setSchema(schema).setTable(name);
    }

    private PostgresDatabase.Builder database(String password) throws IOException {
        Path file = Files.createTempFile(secrets, "password", "");
        Files.writeString(file, password + "\n");
        return PostgresDatabase.newBuilder().setJdbcUrl(url()).setUser(postgres.user())
                .setPasswordSecret("file:" + file.toRealPath());
    }

    private String url() {
        return postgres.jdbcUrl(PostgresTestResource.DEFAULT_DATABASE);
    }

    private void sql(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(), postgres.user(), postgres.password());
                Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }
}
