package dev.outpost.control.datasource;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.outpost.control.error.InvalidInputException;
import dev.outpost.dq.secrets.SecretReference;

/**
 * Checks what a person gives for a data source, each error naming the field, what is wrong and how to fix it. A
 * JDBC URL carrying credentials and a password given where its secret reference belongs are refused without echoing
 * them.
 */
final class SourceChecks {

    /** S3's bucket naming rules, simplified to what matters for a clear early error. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final String JDBC_PREFIX = "jdbc:postgresql://";
    private static final int MAX_GLOB = 1024;
    private static final int MAX_JDBC_URL = 2048;
    /** PostgreSQL's identifier limit (NAMEDATALEN - 1), in bytes. */
    private static final int MAX_IDENTIFIER_BYTES = 63;
    private static final String SECRET_HOWTO = "put the password in a secret on the edge (an environment variable or a"
            + " mounted file of the job-runner) and give its reference in table.passwordSecret, e.g."
            + " env:ORDERS_DB_PASSWORD or file:/var/run/secrets/orders-db/password";

    private SourceChecks() {
    }

    static String bucket(String bucket) {
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new InvalidInputException("bucket '" + (bucket == null ? "" : bucket) + "' is not a valid S3 bucket "
                    + "name: 3-63 characters of a-z, 0-9, '.' and '-'");
        }
        return bucket;
    }

    static String prefix(String prefix) {
        if (prefix.length() > 1024 || hasControlCharacter(prefix)) {
            throw new InvalidInputException("prefix is not a valid S3 key prefix: use at most 1024 characters and no "
                    + "control characters");
        }
        return prefix;
    }

    /** The glob to store: null for none. */
    static String glob(String glob) {
        if (glob == null || glob.isEmpty()) {
            return null;
        }
        if (glob.length() > MAX_GLOB || hasControlCharacter(glob)) {
            throw new InvalidInputException("glob is too long or holds control characters: use at most " + MAX_GLOB
                    + " printable characters, e.g. '**/*.csv'");
        }
        if (glob.startsWith("/")) {
            throw new InvalidInputException("glob '" + glob + "' starts with '/': write it relative to the prefix,"
                    + " e.g. '2026/*/orders-*.csv'");
        }
        for (String segment : glob.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new InvalidInputException("glob '" + glob + "' has a '" + segment + "' segment: a glob matches"
                        + " keys under the prefix only; change the prefix to read elsewhere");
            }
        }
        int depth = 0;
        for (char c : glob.toCharArray()) {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth < 0 || depth > 1) {
                break;
            }
        }
        if (depth != 0) {
            throw new InvalidInputException("glob '" + glob + "' has unbalanced or nested braces: write alternatives"
                    + " as {a,b}, without nesting");
        }
        return glob;
    }

    /** The CSV options to store; refused for another format. */
    static DataSourceView.CsvSettings csv(DataSourceView.CsvSettings csv, String format) {
        if (csv == null) {
            return new DataSourceView.CsvSettings(null, null, null, null);
        }
        if (!DataFormats.CSV.equals(format)) {
            throw new InvalidInputException("csv options apply to format 'csv' only, and this data source's format is"
                    + " '" + format + "': remove csv, or set format to 'csv'");
        }
        String delimiter = character("csv.delimiter", csv.delimiter(), "';', ',' or a tab");
        String quote = character("csv.quote", csv.quote(), "'\"'");
        if (delimiter != null && delimiter.equals(quote)) {
            throw new InvalidInputException("csv.delimiter and csv.quote are both '" + delimiter + "': they must"
                    + " differ (or leave one empty to detect it)");
        }
        return new DataSourceView.CsvSettings(csv.header(), delimiter, quote,
                DataFormats.parseCompression(csv.compression()));
    }

    private static String character(String field, String value, String example) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.codePointCount(0, value.length()) != 1 || value.equals("\n") || value.equals("\r")) {
            throw new InvalidInputException(field + " '" + value + "' must be exactly one character other than a line"
                    + " break, e.g. " + example + "; leave it empty to detect it from the data");
        }
        return value;
    }

    /** Checks a whole table definition (every field given). */
    static DataSourceView.DatabaseTableView table(DataSourceView.DatabaseTableView table) {
        return new DataSourceView.DatabaseTableView(jdbcUrl(table.jdbcUrl()), user(table.user()),
                passwordSecret(table.passwordSecret()), identifier("table.schema", table.schema(), "public"),
                identifier("table.table", table.table(), "orders"));
    }

    static String jdbcUrl(String url) {
        if (url == null || url.isEmpty()) {
            throw new InvalidInputException("table.jdbcUrl is missing: give the database as"
                    + " jdbc:postgresql://host:port/database (without user or password)");
        }
        if (!url.startsWith(JDBC_PREFIX)) {
            throw new InvalidInputException("table.jdbcUrl must start with " + JDBC_PREFIX + ": only PostgreSQL is"
                    + " supported; write jdbc:postgresql://host:port/database");
        }
        String rest = url.substring(JDBC_PREFIX.length());
        int query = rest.indexOf('?');
        String authorityAndPath = query < 0 ? rest : rest.substring(0, query);
        int slash = authorityAndPath.indexOf('/');
        String authority = slash < 0 ? authorityAndPath : authorityAndPath.substring(0, slash);
        if (authority.contains("@")) {
            throw new InvalidInputException("table.jdbcUrl holds credentials (user:password@ before the host), which"
                    + " control-api must never hold: remove them from the URL, give the user in table.user, and "
                    + SECRET_HOWTO);
        }
        if (query >= 0) {
            // Any mention, whatever the separator: a password that slipped into another parameter is still one.
            for (String parameter : rest.substring(query + 1).split("[&;]")) {
                if (parameter.toLowerCase(Locale.ROOT).contains("password")) {
                    String key = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : "";
                    throw new InvalidInputException("table.jdbcUrl holds a password in its parameters"
                            + (key.toLowerCase(Locale.ROOT).contains("password") ? " (parameter '" + key + "')" : "")
                            + ", which control-api must never hold: remove it from the URL, and " + SECRET_HOWTO);
                }
            }
            for (String parameter : rest.substring(query + 1).split("&")) {
                String key = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
                if (key.equals("user")) {
                    throw new InvalidInputException("table.jdbcUrl names the user (parameter 'user'): remove it from"
                            + " the URL and give the user in table.user");
                }
            }
        }
        if (url.length() > MAX_JDBC_URL || hasControlCharacter(url) || url.contains(" ")) {
            throw new InvalidInputException("table.jdbcUrl is too long or holds spaces or control characters: write"
                    + " jdbc:postgresql://host:port/database in at most " + MAX_JDBC_URL + " characters");
        }
        if (authority.isEmpty() || slash < 0 || slash == authorityAndPath.length() - 1) {
            throw new InvalidInputException("table.jdbcUrl '" + url + "' names no host or no database: write"
                    + " jdbc:postgresql://host:port/database, e.g. jdbc:postgresql://orders-db:5432/orders");
        }
        return url;
    }

    static String user(String user) {
        if (user == null || user.isEmpty() || user.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES
                || hasControlCharacter(user)) {
            throw new InvalidInputException("table.user '" + (user == null ? "" : user) + "' is not a PostgreSQL user"
                    + " name: give the role to connect as, 1-" + MAX_IDENTIFIER_BYTES + " bytes, e.g. outpost_reader");
        }
        return user;
    }

    /** Checks the reference by dq-engine's rules (the edge's); it is never resolved here. */
    static String passwordSecret(String reference) {
        if (reference == null || reference.isEmpty()) {
            throw new InvalidInputException("table.passwordSecret is missing: " + SECRET_HOWTO);
        }
        if (!reference.startsWith("env:") && !reference.startsWith("file:")) {
            // Not echoed: what was given here may be the password itself.
            throw new InvalidInputException("table.passwordSecret is not a secret reference (it must start with env:"
                    + " or file:); never give the password itself: " + SECRET_HOWTO);
        }
        try {
            return SecretReference.parse(reference).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("table.passwordSecret: " + e.getMessage());
        }
    }

    static String identifier(String field, String name, String example) {
        if (name == null || name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES
                || hasControlCharacter(name)) {
            throw new InvalidInputException(field + " '" + (name == null ? "" : name) + "' is not a PostgreSQL name:"
                    + " give it exactly as in the database (case included), 1-" + MAX_IDENTIFIER_BYTES
                    + " bytes, e.g. " + example);
        }
        return name;
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
