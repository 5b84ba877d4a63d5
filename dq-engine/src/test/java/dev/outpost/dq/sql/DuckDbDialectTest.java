package dev.outpost.dq.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DuckDbDialectTest {

    private final DuckDbDialect dialect = new DuckDbDialect();

    @Test
    void doublesQuotesInsideIdentifiers() {
        assertThat(dialect.quoteIdentifier("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(dialect.quoteIdentifier("order")).isEqualTo("\"order\"");
    }

    @Test
    void doublesApostrophesInsideLiteralsAndLeavesBackslashesAlone() {
        assertThat(dialect.stringLiteral("O'Brien")).isEqualTo("'O''Brien'");
        assertThat(dialect.stringLiteral("a\\.b")).isEqualTo("'a\\.b'");
    }

    @Test
    void writesNumbersWithoutExponent() {
        assertThat(dialect.numberLiteral(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(dialect.numberLiteral(new BigDecimal("-0.25"))).isEqualTo("-0.25");
    }

    @Test
    void refusesTextWithNulBecauseDuckDbWouldCutItShort() {
        assertThatThrownBy(() -> dialect.stringLiteral("a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dialect.quoteIdentifier("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"O'Brien", "a\"b", "'); DROP TABLE x; --", "back\\slash", "\u00fcml\u00e4ut \u2603", "''"})
    void literalsAndIdentifiersRoundTripThroughDuckDb(String text) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT " + dialect.stringLiteral(text) + " AS "
                        + dialect.quoteIdentifier(text))) {
            result.next();
            assertThat(result.getString(1)).isEqualTo(text);
            assertThat(result.getMetaData().getColumnName(1)).isEqualTo(text);
        }
    }

    @Test
    void matchesTheWholeTextOnly() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT "
                        + dialect.regexFullMatch("'a.b'", "a\\.b") + ", "
                        + dialect.regexFullMatch("'xa.bx'", "a\\.b") + ", "
                        + dialect.tryCastToNumber("'abc'") + " IS NULL, "
                        + dialect.castToText("42"))) {
            result.next();
            assertThat(result.getBoolean(1)).isTrue();
            assertThat(result.getBoolean(2)).isFalse();
            assertThat(result.getBoolean(3)).isTrue();
            assertThat(result.getString(4)).isEqualTo("42");
        }
    }
}
