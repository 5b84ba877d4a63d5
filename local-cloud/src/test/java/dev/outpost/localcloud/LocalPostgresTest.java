package dev.outpost.localcloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {

    @TempDir
    Path dir;

    @Test
    void answersQueriesAndCreatesDatabases() throws SQLException {
        try (LocalPostgres postgres = LocalPostgres.start(null, 0)) {
            postgres.createDatabase("control_api");

            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("control_api"),
                    postgres.user(), postgres.password());
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("select 1, current_database()")) {
                assertTrue(result.next());
                assertEquals(1, result.getInt(1));
                assertEquals("control_api", result.getString(2));
            }
        }
    }

    @Test
    void refusesConnectionsWithoutThePassword() {
        try (LocalPostgres postgres = LocalPostgres.start(null, 0)) {
            SQLException e = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), "guess").close());
            assertEquals("28P01", e.getSQLState(), e.getMessage()); // invalid_password
        }
    }

    @Test
    void keepsDataAndPasswordInAGivenDirectoryAcrossRestarts() throws SQLException {
        Path data = dir.resolve("pgdata");
        String password;
        try (LocalPostgres first = LocalPostgres.start(data, 0)) {
            password = first.password();
            first.createDatabase("kept");
        }

        try (LocalPostgres second = LocalPostgres.start(data, 0);
                Connection connection = DriverManager.getConnection(second.jdbcUrl("kept"), second.user(),
                        second.password())) {
            assertEquals(password, second.password());
            assertFalse(connection.isClosed());
        }
        assertTrue(Files.exists(data.resolve("PG_VERSION")), "data directory kept after close");
    }

    @Test
    void rejectsDatabaseNamesThatAreNotPlainIdentifiers() {
        try (LocalPostgres postgres = LocalPostgres.start(null, 0)) {
            assertThrows(IllegalArgumentException.class, () -> postgres.createDatabase("x; drop database postgres"));
        }
    }
}
