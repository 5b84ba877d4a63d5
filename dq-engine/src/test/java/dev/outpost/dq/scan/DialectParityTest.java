package dev.outpost.dq.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.dq.sql.DuckDbDialect;
import dev.outpost.dq.sql.PostgresDialect;
import dev.outpost.dq.sql.SqlDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL has no TRY_CAST: its dialect tests a value's shape before converting it. The conversions must never
 * fail a scan and must give what DuckDB's TRY_CAST gives, for the inputs the checks feed them.
 */
class DialectParityTest {

    private static Connection duckDb;
    private static Connection postgres;
    private static final SqlDialect DUCKDB = new DuckDbDialect();
    private static final SqlDialect POSTGRES = new PostgresDialect();

    @BeforeAll
    static void connect() throws Exception {
        duckDb = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = duckDb.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
        }
        postgres = TestPostgres.admin(TestPostgres.newDatabase());
        try (Statement statement = postgres.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
        }
    }

    @AfterAll
    static void disconnect() throws Exception {
        duckDb.close();
        postgres.close();
    }

    @Test
    void numbersConvertAlikeAndNonNumbersBecomeNull() throws Exception {
        assertSameOnBothEngines(List.of("12", " 12 ", "-1.5", ".5", "5.", "+7", "1e3", "2.5E-2", "abc", "1.2.3", "",
                "12abc", "--1"), SqlDialect::tryCastToNumber);
    }

    @Test
    void onlyDatesThatExistConvert() throws Exception {
        assertSameOnBothEngines(List.of("2024-02-29", "2023-02-29", "2023-02-30", "2023-04-31", "2023-12-31",
                "2023-01-01"), (dialect, text) -> dialect.castToText(dialect.tryCastToDate(text)));
    }

    @Test
    void instantsHonourOffsetsAndReadNoOffsetAsUtc() throws Exception {
        assertSameOnBothEngines(List.of("2026-11-21 10:00:00", "2026-11-21T10:00:00Z", "2026-11-21 12:00:00+02",
                "2026-11-21 12:00:00.250+02:00", "2026-11-21", "2026-11-21 25:00:00", "2026-11-31 10:00:00", "yesterday", ""),
                (dialect, text) -> dialect.epochMillis(dialect.tryCastToInstant(text)));
    }

    @Test
    void booleansAndRoundingAgree() throws Exception {
        assertSameOnBothEngines(List.of("true", "false", "t", "f", "1", "0", "maybe"),
                (dialect, text) -> dialect.castToText(dialect.tryCastToBoolean(text)));
        // Halves that doubles hold exactly round away from zero on both (2.5 to 3, -2.5 to -3, 0.125 to 0.13).
        assertSameOnBothEngines(List.of("2.5", "-2.5", "0.4"),
                (dialect, text) -> dialect.round(dialect.tryCastToNumber(text), "0"));
        assertSameOnBothEngines(List.of("0.125", "-0.125", "1.234"),
                (dialect, text) -> dialect.round(dialect.tryCastToNumber(text), "2"));
    }

    @Test
    void patternsMatchTheWholeValueOnBothEngines() throws Exception {
        for (String pattern : List.of("[A-Z]{2}", "a|b", "(?:x|y)+", "[^@ ]+@[^@ ]+\\.[a-z]{2,}")) {
            assertSameOnBothEngines(List.of("DE", "DEU", "a", "ab", "xyx", "xz", "me@example.org", "me@example"),
                    (dialect, text) -> dialect.regexFullMatch(text, pattern));
        }
    }

    private static void assertSameOnBothEngines(List<String> inputs,
            BiFunction<SqlDialect, String, String> expression) throws Exception {
        for (String input : inputs) {
            String onDuckDb = evaluate(duckDb, expression.apply(DUCKDB, DUCKDB.stringLiteral(input)));
            String onPostgres = evaluate(postgres, expression.apply(POSTGRES, POSTGRES.stringLiteral(input)));
            assertThat(normalised(onPostgres)).as("'" + input + "'").isEqualTo(normalised(onDuckDb));
        }
    }

    private static String evaluate(Connection connection, String expression) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT " + expression)) {
            result.next();
            return result.getString(1);
        }
    }

    /** Numbers as doubles, so that 12 and 12.0 compare equal; PostgreSQL's t and f as true and false. */
    private static String normalised(String value) {
        if (value == null) {
            return null;
        }
        if (value.equals("t") || value.equals("f")) {
            return value.equals("t") ? "true" : "false";
        }
        try {
            return Double.toString(Double.parseDouble(value));
        } catch (NumberFormatException text) {
            return value;
        }
    }
}
