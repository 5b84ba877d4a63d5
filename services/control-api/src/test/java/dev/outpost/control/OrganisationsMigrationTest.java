package dev.outpost.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.outpost.localcloud.LocalPostgres;

/**
 * Upgrading a database from before organisations (migration V3): what existed belongs to organisation
 * {@code default} afterwards, names become unique per organisation, and a new database gets no organisation from the
 * migration (the bootstrap or the operator makes them); its jobs later record version 1 of their rule set (V5). Runs
 * the real migrations on an embedded PostgreSQL, without Quarkus.
 */
class OrganisationsMigrationTest {

    private static final String DEFAULT_ORGANISATION = "00000000-0000-0000-0000-000000000001";

    private static LocalPostgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = LocalPostgres.start(null, 0);
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void rowsFromBeforeOrganisationsBelongToTheDefaultOrganisation() throws SQLException {
        String database = "upgraded";
        postgres.createDatabase(database);
        migrate(database, "2");
        try (Connection db = connect(database); Statement sql = db.createStatement()) {
            sql.execute("insert into edge (id, name, token_hash, created_at) values "
                    + "('10000000-0000-0000-0000-000000000001', 'old-edge', '" + "a".repeat(64) + "', now())");
            sql.execute("insert into data_source (id, name, edge_id, bucket, prefix, format, created_at) values "
                    + "('20000000-0000-0000-0000-000000000001', 'old-ds', '10000000-0000-0000-0000-000000000001', "
                    + "'data', '', 'csv', now())");
            sql.execute("insert into rule_set (id, name, yaml, check_names, created_at) values "
                    + "('30000000-0000-0000-0000-000000000001', 'old-rules', 'checks: []', '', now())");
            sql.execute("insert into job (id, data_source_id, rule_set_id, edge_id, state, sample_limit, submitted_at) "
                    + "values ('40000000-0000-0000-0000-000000000001', '20000000-0000-0000-0000-000000000001', "
                    + "'30000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000001', 'QUEUED', 10, "
                    + "now())");
        }
        migrate(database, "3");
        try (Connection db = connect(database); Statement sql = db.createStatement()) {
            assertThat(column(sql, "select name from organisation")).containsExactly("default");
            for (String table : List.of("edge", "data_source", "rule_set", "job")) {
                assertThat(column(sql, "select cast(organisation_id as text) from " + table)).as(table)
                        .containsExactly(DEFAULT_ORGANISATION);
            }
            sql.execute("insert into organisation (id, name, created_at) values "
                    + "('00000000-0000-0000-0000-000000000002', 'other', now())");
            sql.execute("insert into edge (id, organisation_id, name, token_hash, created_at) values "
                    + "('10000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000002', 'old-edge', '"
                    + "b".repeat(64) + "', now())");
            assertThat(column(sql, "select name from edge where name = 'old-edge'"))
                    .as("the same name in another organisation").hasSize(2);
        }
        migrate(database, "5");
        try (Connection db = connect(database); Statement sql = db.createStatement()) {
            assertThat(column(sql, "select rule_set_version || ' ' || rule_set_yaml from job"))
                    .as("a job from before replaceable rule sets ran with version 1 of its rule set")
                    .containsExactly("1 checks: []");
            assertThat(column(sql, "select version from rule_set")).containsExactly("1");
        }
        migrate(database, "6");
        try (Connection db = connect(database); Statement sql = db.createStatement()) {
            assertThat(column(sql, "select kind || ' ' || bucket || ' ' || format from data_source"))
                    .as("a data source from before tables reads files").containsExactly("files data csv");
            assertThat(column(sql, "select kind from job")).as("a job from before kinds checks")
                    .containsExactly("check");
            assertThatThrownBy(() -> sql.execute("insert into data_source (id, organisation_id, name, edge_id, kind,"
                    + " jdbc_url, db_user, db_schema, db_table, created_at) values"
                    + " ('20000000-0000-0000-0000-000000000002', '" + DEFAULT_ORGANISATION + "', 'no-secret',"
                    + " '10000000-0000-0000-0000-000000000001', 'table', 'jdbc:postgresql://db/x', 'u', 'public', 't',"
                    + " now())")).as("a table source without its password's secret reference")
                    .hasMessageContaining("data_source_kind");
        }
    }

    @Test
    void aNewDatabaseGetsNoOrganisationFromTheMigration() throws SQLException {
        String database = "fresh";
        postgres.createDatabase(database);
        migrate(database, "3");
        try (Connection db = connect(database); Statement sql = db.createStatement()) {
            assertThat(column(sql, "select name from organisation")).isEmpty();
        }
    }

    private static void migrate(String database, String version) {
        Flyway.configure()
                .dataSource(postgres.jdbcUrl(database), postgres.user(), postgres.password())
                .locations("classpath:db/migration")
                .target(version)
                .load()
                .migrate();
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
    }

    private static List<String> column(Statement sql, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (var rows = sql.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
