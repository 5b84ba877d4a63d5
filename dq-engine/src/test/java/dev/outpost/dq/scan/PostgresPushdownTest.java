package dev.outpost.dq.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.outpost.dq.rules.RuleSetParser;
import dev.outpost.dq.secrets.SecretReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresPushdownTest {

    private static final String TABLE = "it's\"; DROP TABLE t; --";

    private static String database;

    @TempDir
    static Path directory;

    private static Path passwordFile;

    @BeforeAll
    static void createTables() throws Exception {
        database = TestPostgres.newDatabase();
        try (Connection admin = TestPostgres.admin(database); Statement statement = admin.createStatement()) {
            statement.execute("CREATE TABLE \"it's\"\"; DROP TABLE t; --\" (id bigint,"
                    + " \"x\"\" FROM t; DROP TABLE y; --\" text, country text)");
            statement.execute("INSERT INTO \"it's\"\"; DROP TABLE t; --\" VALUES (1, 'a', ''' OR ''1''=''1'),"
                    + " (2, NULL, 'DE'), (3, 'b', 'FR'), (4, NULL, 'FR'), (5, NULL, 'US')");
        }
        passwordFile = Files.writeString(directory.resolve("password"), TestPostgres.server().password());
    }

    @Test
    void pushesHostileNamesAndValuesDownQuotedAndReturnsOnlyCappedSamples() {
        RecordingSink sink = new RecordingSink();
        var rules = RuleSetParser.parse("""
                checks:
                  - {name: evil-present, type: not_null, column: 'x" FROM t; DROP TABLE y; --'}
                  - {name: country-known, type: allowed_values, column: country, values: ["' OR '1'='1", DE]}
                  - {name: evil-condition, type: expression, condition: '"x"" FROM t; DROP TABLE y; --" <> ''a'''}
                """);

        ScanResult result;
        try (PostgresPushdown postgres = connect()) {
            result = new CheckEvaluator().evaluate(postgres, new PostgresPushdown.Table("public", TABLE), Map.of(),
                    rules, 2, sink);
            // The table is still there: nothing in the names or values ran as a statement.
            assertThat(postgres.describe(new PostgresPushdown.Table("public", TABLE))).extracting(Column::name)
                    .containsExactly("id", "x\" FROM t; DROP TABLE y; --", "country");
        }

        assertThat(result.checks()).extracting(o -> o.check().name(), CheckOutcome::rowsFailed,
                CheckOutcome::samplesStored).containsExactly(
                        tuple("evil-present", 3L, 2L),
                        tuple("country-known", 3L, 2L),
                        tuple("evil-condition", 1L, 1L));
        assertThat(sink.rowsByCheck.get("evil-present")).hasSize(2)
                .allSatisfy(row -> assertThat(row.get(1)).isNull());
        assertThat(sink.columnsByCheck.get("evil-condition")).containsExactly("id", "x\" FROM t; DROP TABLE y; --",
                "country");
    }

    @Test
    void theSessionIsReadOnly() throws Exception {
        try (PostgresPushdown postgres = connect()) {
            var target = postgres.target(new PostgresPushdown.Table("public", TABLE), Map.of());
            try (Statement statement = target.connection().createStatement()) {
                assertThatThrownBy(() -> statement.execute("CREATE TABLE intruder (id int)"))
                        .hasMessageContaining("read-only transaction");
            }
            postgres.endScan();
        }
    }

    @Test
    void namesAMissingTableByItsSqlStateOnly() {
        try (PostgresPushdown postgres = connect()) {
            assertThatThrownBy(() -> postgres.describe(new PostgresPushdown.Table("public", "nowhere")))
                    .isInstanceOf(DataUnreadableException.class)
                    .hasMessage("The PostgreSQL table public.nowhere on " + TestPostgres.server().jdbcUrl(database)
                            + " cannot be read: the table does not exist (names are exact, case included)"
                            + " (SQLSTATE 42P01).");
        }
    }

    @Test
    void aWrongPasswordNamesTheSecretReferenceNeverTheSecret() throws Exception {
        Path wrong = Files.writeString(directory.resolve("wrong"), "not-the-password");

        assertThatThrownBy(() -> PostgresPushdown.connect(TestPostgres.server().jdbcUrl(database),
                TestPostgres.server().user(), SecretReference.parse("file:" + wrong)))
                .isInstanceOf(DataUnreadableException.class)
                .hasMessageContaining("the database refused the user or password (SQLSTATE 28P01)")
                .hasMessageContaining("the secret file:" + wrong)
                .message().doesNotContain("not-the-password");
        assertThatThrownBy(() -> PostgresPushdown.connect(TestPostgres.server().jdbcUrl(database)
                + "?password=x", "postgres", SecretReference.parse("file:" + wrong)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("carries a password");
    }

    @Test
    void readsTheReferenceSourceFromAnotherTable() throws Exception {
        try (Connection admin = TestPostgres.admin(database); Statement statement = admin.createStatement()) {
            statement.execute("CREATE TABLE countries (code text)");
            statement.execute("INSERT INTO countries VALUES ('DE'), ('FR'), (NULL)");
        }
        var rules = RuleSetParser.parse("""
                checks:
                  - {name: country-known, type: reference, column: country, reference: {source: countries, column: code}}
                """);

        try (PostgresPushdown postgres = connect()) {
            ScanResult result = new CheckEvaluator().evaluate(postgres, new PostgresPushdown.Table("public", TABLE),
                    Map.of("countries", new PostgresPushdown.Table("public", "countries")), rules, 0,
                    SampleSink.DISCARD);
            assertThat(result.checks().getFirst().rowsFailed()).isEqualTo(2);
        }
    }

    private static PostgresPushdown connect() {
        return PostgresPushdown.connect(TestPostgres.server().jdbcUrl(database), TestPostgres.server().user(),
                SecretReference.parse("file:" + passwordFile));
    }

}
