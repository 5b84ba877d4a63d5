package dev.outpost.localcloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server run from binaries shipped in a jar (nothing is downloaded), listening on localhost.
 *
 * <p>Connections over TCP need the password of {@link #user()}: the server may run on a shared machine, where any
 * local user could otherwise connect. A persistent data directory keeps its password in a file inside it, readable
 * by the owner only, so a restart finds it again.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalPostgres.class);

    private static final String USER = "postgres";
    // Lives inside the data directory: whoever can read it can read the data anyway.
    private static final String PASSWORD_FILE = "outpost-password";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EmbeddedPostgres server;
    private final String password;

    private LocalPostgres(EmbeddedPostgres server, String password) {
        this.server = server;
        this.password = password;
    }

    /**
     * Starts a server.
     *
     * @param dataDir where the database files are kept across restarts, or {@code null} for a temporary directory
     *                that {@link #close()} deletes
     * @param port    the port to listen on, or 0 for any free port
     * @return the running server
     */
    public static LocalPostgres start(Path dataDir, int port) {
        try {
            boolean persistent = dataDir != null;
            Path dir = persistent ? dataDir.toAbsolutePath() : Files.createTempDirectory("outpost-postgres");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(!persistent)
                    .setPort(port);
            String password;
            Path initFile = null;
            // Same test as the embedded server's own: initdb runs only where there is no configuration yet.
            if (Files.exists(dir.resolve("postgresql.conf"))) {
                password = readPassword(dir);
            } else {
                password = randomPassword();
                // initdb wants an empty directory, so the password waits outside until initdb is done; a new temp
                // file is readable by its owner only.
                initFile = Files.writeString(Files.createTempFile("outpost-postgres", ".pw"), password);
                Path passwordSource = initFile;
                builder.setLocaleConfig("auth-host", "scram-sha-256") // initdb options, despite the method name
                        .setLocaleConfig("auth-local", "scram-sha-256")
                        .setLocaleConfig("pwfile", initFile.toString())
                        .setDataDirectoryCustomizer(initialised -> keepPassword(passwordSource, dir));
            }
            // The server checks its own readiness over JDBC, so it needs the password as well.
            builder.setConnectConfig("password", password);
            if (persistent) {
                // The embedded server turns this off for speed; a persistent store must not lose committed work.
                builder.setServerConfig("synchronous_commit", "on");
            }
            try {
                EmbeddedPostgres server = builder.start();
                LOG.infof("PostgreSQL listening on localhost:%d, data in %s", server.getPort(), dir);
                return new LocalPostgres(server, password);
            } finally {
                if (initFile != null) {
                    Files.deleteIfExists(initFile);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    /**
     * @param database a database name, e.g. {@code postgres} or one made by {@link #createDatabase}
     * @return a JDBC URL for it, without credentials
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;
    }

    /**
     * @return the port the server listens on
     */
    public int port() {
        return server.getPort();
    }

    /**
     * @return the superuser name
     */
    public String user() {
        return USER;
    }

    /**
     * @return the superuser's password
     */
    public String password() {
        return password;
    }

    /**
     * Creates an empty database.
     *
     * @param name lower-case letters, digits and underscores, not starting with a digit
     * @throws IllegalArgumentException if the name is not of that form
     * @throws IllegalStateException    if the server refuses, e.g. because the database exists
     */
    public void createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            // The name goes into DDL, which takes no bind parameters: only plain identifiers are accepted.
            throw new IllegalArgumentException("database name '" + name + "' must match " + DATABASE_NAME);
        }
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server; a temporary data directory is deleted, a given one is kept. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
        }
        LOG.debugf("PostgreSQL on port %d stopped", server.getPort());
    }

    private static String readPassword(Path dir) throws IOException {
        Path file = dir.resolve(PASSWORD_FILE);
        if (!Files.exists(file)) {
            throw new IOException("the PostgreSQL data directory " + dir + " has no " + PASSWORD_FILE
                    + " file, so it was not created by Outpost: use another directory");
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    private static void keepPassword(Path initFile, Path dir) {
        try {
            Files.move(initFile, dir.resolve(PASSWORD_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the PostgreSQL password in " + dir, e);
        }
    }

    private static String randomPassword() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
