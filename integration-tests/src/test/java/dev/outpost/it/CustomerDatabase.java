package dev.outpost.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.outpost.localcloud.LocalPostgres;

/**
 * A customer's PostgreSQL database, separate from the control plane's (whose files the canary scans search): its own
 * embedded server in a temporary directory outside the mesh's state directory, with database {@value #DATABASE} and
 * login roles whose passwords the edge reads from files ({@code file:} secret references), as a customer's secret
 * mount would hold them.
 */
final class CustomerDatabase implements AutoCloseable {

    /** The customer's database. */
    static final String DATABASE = "shop";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final LocalPostgres server;
    private final Path secrets;

    private CustomerDatabase(LocalPostgres server, Path secrets) {
        this.server = server;
        this.secrets = secrets;
    }

    /** Starts the server and creates {@value #DATABASE}; password files go to {@code secrets}. */
    static CustomerDatabase start(Path secrets) {
        LocalPostgres server = LocalPostgres.start(null, 0);
        server.createDatabase(DATABASE);
        return new CustomerDatabase(server, secrets);
    }

    /** Runs statements in {@value #DATABASE} as the superuser. */
    void execute(String... statements) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), server.user(), server.password());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the customer database refused: " + e.getMessage(), e);
        }
    }

    /**
     * Creates a login role with a random password, written to an owner-only file.
     *
     * @param grants statements run after the role exists, e.g. its SELECT grants
     * @return the role's secret reference ({@code file:/…}) for a data source
     */
    String createLogin(String role, String... grants) {
        String password = HexFormat.of().formatHex(randomBytes());
        execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
        execute(grants);
        try {
            Path file = Files.writeString(secrets.resolve(role + ".password"), password);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return "file:" + file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the password file of role " + role, e);
        }
    }

    /** The JDBC URL of {@value #DATABASE}, without credentials, as a data source names it. */
    String jdbcUrl() {
        return server.jdbcUrl(DATABASE);
    }

    /** A table data source's definition for control-api: this database, {@code role}, {@code schema.table}. */
    Map<String, Object> table(String role, String secret, String schema, String table) {
        return tableAt(jdbcUrl(), role, secret, schema, table);
    }

    /** A table data source's definition for control-api, for a database at any URL. */
    static Map<String, Object> tableAt(String jdbcUrl, String role, String secret, String schema, String table) {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("jdbcUrl", jdbcUrl);
        definition.put("user", role);
        definition.put("passwordSecret", secret);
        definition.put("schema", schema);
        definition.put("table", table);
        return definition;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public void close() {
        server.close();
    }
}
