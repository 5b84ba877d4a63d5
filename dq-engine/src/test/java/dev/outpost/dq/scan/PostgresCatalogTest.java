package dev.outpost.dq.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.outpost.dq.scan.PostgresCatalog.Relation;
import dev.outpost.dq.scan.PostgresCatalog.RelationKind;
import dev.outpost.dq.scan.PostgresCatalog.SchemaAccess;
import dev.outpost.dq.scan.PostgresCatalog.SchemaSummary;
import dev.outpost.dq.secrets.SecretReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catalog reading on the embedded PostgreSQL: through a caller's connection, and through a push-down session. */
class PostgresCatalogTest {

    /** A schema name that would break out of a literal if it were spliced into the catalog queries. */
    private static final String HOSTILE_SCHEMA = "x' OR '1'='1";

    private static String database;

    @TempDir
    static Path directory;

    @BeforeAll
    static void createSchemas() throws Exception {
        database = TestPostgres.newDatabase();
        try (Connection admin = TestPostgres.admin(database); Statement sql = admin.createStatement()) {
            sql.execute("CREATE SCHEMA sales");
            sql.execute("CREATE TABLE sales.orders (id bigint, amount numeric(10,2), dropped int, note text)");
            sql.execute("ALTER TABLE sales.orders DROP COLUMN dropped");
            sql.execute("INSERT INTO sales.orders SELECT i, i / 100.0, 'n' FROM generate_series(1, 250) i");
            sql.execute("ANALYZE sales.orders");
            sql.execute("CREATE TABLE sales.never_analysed (id int)");
            sql.execute("CREATE VIEW sales.big_orders AS SELECT id FROM sales.orders WHERE amount > 1");
            sql.execute("CREATE MATERIALIZED VIEW sales.totals AS SELECT sum(amount) AS total FROM sales.orders");
            sql.execute("CREATE TABLE sales.events (at timestamptz, kind varchar(20)) PARTITION BY RANGE (at)");
            sql.execute("CREATE TABLE sales.no_columns ()");
            sql.execute("CREATE SCHEMA empty");
            sql.execute("CREATE SCHEMA locked");
            sql.execute("CREATE TABLE locked.payroll (id int)");
            sql.execute("CREATE SCHEMA \"x' OR '1'='1\"");
            sql.execute("CREATE TABLE \"x' OR '1'='1\".\"Mixed Case\" (\"a\"\"b\" int)");
            sql.execute("CREATE ROLE catalog_reader LOGIN PASSWORD 'reader-pw'");
            sql.execute("GRANT USAGE ON SCHEMA sales TO catalog_reader");
            sql.execute("GRANT SELECT ON sales.orders TO catalog_reader");
        }
    }

    @Test
    void listsSchemasWithTheirTableCountsWithoutPostgresOwn() throws Exception {
        try (Connection admin = TestPostgres.admin(database)) {
            var all = PostgresCatalog.of(admin).schemas(100);
            var firstTwo = PostgresCatalog.of(admin).schemas(2);

            assertThat(all.items()).extracting(SchemaSummary::name, SchemaSummary::relationCount).containsExactly(
                    tuple("empty", 0), tuple("locked", 1), tuple("public", 0), tuple("sales", 6),
                    tuple(HOSTILE_SCHEMA, 1));
            assertThat(all.truncated()).isFalse();
            assertThat(firstTwo.items()).extracting(SchemaSummary::name).containsExactly("empty", "locked");
            assertThat(firstTwo.truncated()).isTrue();
        }
    }

    @Test
    void readsTablesAndViewsWithKindRowEstimateAndColumns() throws Exception {
        try (Connection admin = TestPostgres.admin(database)) {
            var sales = PostgresCatalog.of(admin).relations("sales", 100);

            assertThat(sales.truncated()).isFalse();
            assertThat(sales.items()).extracting(Relation::name, Relation::kind, Relation::rowEstimate,
                    Relation::hasRowEstimate).containsExactly(
                            tuple("big_orders", RelationKind.VIEW, -1L, false),
                            tuple("events", RelationKind.PARTITIONED_TABLE, -1L, false),
                            tuple("never_analysed", RelationKind.TABLE, -1L, false),
                            tuple("no_columns", RelationKind.TABLE, -1L, false),
                            tuple("orders", RelationKind.TABLE, 250L, true),
                            tuple("totals", RelationKind.MATERIALIZED_VIEW, -1L, false));
            assertThat(sales.items()).allSatisfy(relation -> assertThat(relation.schema()).isEqualTo("sales"));
            assertThat(sales.items().get(4).columns()).containsExactly(new Column("id", "bigint"),
                    new Column("amount", "numeric(10,2)"), new Column("note", "text"));
            assertThat(sales.items().get(1).columns()).containsExactly(
                    new Column("at", "timestamp with time zone"), new Column("kind", "character varying(20)"));
            assertThat(sales.items().get(3).columns()).isEmpty();
            assertThat(RelationKind.MATERIALIZED_VIEW.label()).isEqualTo("materialized view");
        }
    }

    @Test
    void stopsAtTheLimitAndSaysSo() throws Exception {
        try (Connection admin = TestPostgres.admin(database)) {
            var firstTwo = PostgresCatalog.of(admin).relations("sales", 2);

            assertThat(firstTwo.items()).extracting(Relation::name).containsExactly("big_orders", "events");
            assertThat(firstTwo.items().get(1).columns()).hasSize(2);
            assertThat(firstTwo.truncated()).isTrue();
        }
    }

    @Test
    void bindsNamesSoQuotesInThemAreJustCharacters() throws Exception {
        try (Connection admin = TestPostgres.admin(database)) {
            PostgresCatalog catalog = PostgresCatalog.of(admin);

            assertThat(catalog.relations(HOSTILE_SCHEMA, 10).items()).singleElement().satisfies(relation -> {
                assertThat(relation.name()).isEqualTo("Mixed Case");
                assertThat(relation.columns()).containsExactly(new Column("a\"b", "integer"));
            });
            assertThat(catalog.relation(HOSTILE_SCHEMA, "mixed case")).isEmpty();
            assertThat(catalog.relations("x' OR '1'='2", 10).items()).isEmpty();
            assertThat(catalog.schemaAccess("SALES")).isEqualTo(SchemaAccess.ABSENT);
        }
    }

    @Test
    void tellsAMissingSchemaFromAnUnusableOneAndNamesUnreadableTables() throws Exception {
        try (Connection reader = DriverManager.getConnection(TestPostgres.server().jdbcUrl(database), "catalog_reader",
                "reader-pw")) {
            PostgresCatalog catalog = PostgresCatalog.of(reader);

            assertThat(catalog.schemaAccess("sales")).isEqualTo(SchemaAccess.USABLE);
            assertThat(catalog.schemaAccess("locked")).isEqualTo(SchemaAccess.DENIED);
            assertThat(catalog.schemaAccess("nowhere")).isEqualTo(SchemaAccess.ABSENT);
            var readability = catalog.readability("sales");
            assertThat(readability.relations()).isEqualTo(6);
            assertThat(readability.unreadable()).containsExactly("big_orders", "events", "never_analysed",
                    "no_columns", "totals");
        }
    }

    @Test
    void aPushdownSessionReadsTheCatalogOfASchemaOrOneTable() throws Exception {
        try (PostgresPushdown postgres = connect(TestPostgres.server().user(), TestPostgres.server().password())) {
            assertThat(postgres.relations("sales")).extracting(Relation::name).containsExactly("big_orders", "events",
                    "never_analysed", "no_columns", "orders", "totals");
            assertThat(postgres.relations("empty")).isEmpty();
            Relation orders = postgres.relation(new PostgresPushdown.Table("sales", "orders"));
            assertThat(orders.kind()).isEqualTo(RelationKind.TABLE);
            assertThat(orders.rowEstimate()).isEqualTo(250);
            assertThat(orders.columns()).extracting(Column::name).containsExactly("id", "amount", "note");

            assertThatThrownBy(() -> postgres.relations("nowhere")).isInstanceOf(DataUnreadableException.class)
                    .hasMessageContaining("There is no schema 'nowhere'").hasMessageContaining("case included");
            assertThatThrownBy(() -> postgres.relation(new PostgresPushdown.Table("sales", "Orders")))
                    .isInstanceOf(DataUnreadableException.class)
                    .hasMessageContaining("There is no table or view sales.Orders");
            // The session is still usable after a failed read: each read ends its transaction.
            assertThat(postgres.relations("locked")).extracting(Relation::name).containsExactly("payroll");
        }
    }

    @Test
    void aPushdownSessionNamesTheGrantAUserLacks() throws Exception {
        try (PostgresPushdown postgres = connect("catalog_reader", "reader-pw")) {
            assertThatThrownBy(() -> postgres.relations("locked")).isInstanceOf(DataUnreadableException.class)
                    .hasMessageContaining("User 'catalog_reader' may not use schema 'locked'")
                    .hasMessageContaining("GRANT USAGE ON SCHEMA \"locked\" TO \"catalog_reader\"");
            assertThat(postgres.relation(new PostgresPushdown.Table("sales", "orders")).columns()).hasSize(3);
        }
    }

    private static PostgresPushdown connect(String user, String password) throws Exception {
        Path secret = Files.writeString(Files.createTempFile(directory, "password", ""), password);
        return PostgresPushdown.connect(TestPostgres.server().jdbcUrl(database), user,
                SecretReference.parse("file:" + secret));
    }
}
