package dev.outpost.testsupport;

import java.util.Map;

import dev.outpost.localcloud.LocalPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts an embedded PostgreSQL with an empty database and points the default datasource at it.
 *
 * <p>Init arg {@value #DATABASE}: the database to create, default {@value #DEFAULT_DATABASE}. Injects
 * {@code LocalPostgres} into fields marked {@link InjectLocalCloud}.
 */
public final class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg naming the database to create. */
    public static final String DATABASE = "database";
    /** The database created when no init arg names one. */
    public static final String DEFAULT_DATABASE = "outpost";

    private String database = DEFAULT_DATABASE;
    private LocalPostgres postgres;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault(DATABASE, DEFAULT_DATABASE);
    }

    @Override
    public Map<String, String> start() {
        postgres = LocalPostgres.start(null, 0);
        postgres.createDatabase(database);
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", postgres.password());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(postgres,
                new TestInjector.AnnotatedAndMatchesType(InjectLocalCloud.class, LocalPostgres.class));
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
