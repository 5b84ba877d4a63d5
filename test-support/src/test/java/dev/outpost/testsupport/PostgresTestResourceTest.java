package dev.outpost.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.outpost.localcloud.LocalPostgres;

class PostgresTestResourceTest {

    @InjectLocalCloud
    LocalPostgres postgres;

    @Test
    void pointsTheDatasourceAtAFreshDatabase() throws SQLException {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of(PostgresTestResource.DATABASE, "control_api"));
        try {
            Map<String, String> config = resource.start();
            resource.inject(new FieldInjector(this));

            assertEquals("postgresql", config.get("quarkus.datasource.db-kind"));
            try (Connection connection = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                    config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                    ResultSet result = connection.createStatement().executeQuery("select current_database()")) {
                assertTrue(result.next());
                assertEquals("control_api", result.getString(1));
            }
            assertNotNull(postgres, "LocalPostgres injected into the test");
            assertEquals(config.get("quarkus.datasource.jdbc.url"), postgres.jdbcUrl("control_api"));
        } finally {
            resource.stop();
        }
    }
}
