package dev.outpost.dq.scan;

import dev.outpost.localcloud.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL (zonky binaries, no download) for every push-down test in the JVM, started on first use
 * and stopped when the JVM exits; each test class takes a database of its own.
 */
final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static LocalPostgres server;

    private TestPostgres() {
    }

    static synchronized LocalPostgres server() {
        if (server == null) {
            server = LocalPostgres.start(null, 0);
            LocalPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return server;
    }

    /** A new empty database's name. */
    static String newDatabase() {
        String name = "dq_test_" + DATABASES.incrementAndGet();
        server().createDatabase(name);
        return name;
    }

    /** A superuser connection to {@code database}, for setting up test tables. */
    static Connection admin(String database) throws SQLException {
        return DriverManager.getConnection(server().jdbcUrl(database), server().user(), server().password());
    }
}
