package dev.outpost.control.browse;

import dev.outpost.control.datasource.DataSource;
import dev.outpost.control.error.InvalidInputException;
import dev.outpost.proto.job.v1.DataLocation;

/**
 * How far a person may reach into a data source through its edge. For files the data source's prefix is the
 * boundary: the edge reads S3 with its own credentials, which usually reach far more than one data source, so a
 * prefix or key outside the data source's is refused. For a table source the database is the boundary: the edge reads
 * it as the data source's own user, whose grants in the customer's database decide what it sees, so any schema or
 * table of that database may be browsed, previewed or imported.
 */
public final class SourceScopes {

    private SourceScopes() {
    }

    /**
     * {@code value} (a prefix or key, named {@code field} in errors) when it lies under the files source's prefix; the
     * source's prefix when {@code value} is absent; otherwise INVALID_ARGUMENT.
     */
    public static String underPrefix(DataSource source, DataLocation files, String field, String value) {
        if (value == null || value.isEmpty()) {
            return files.getPrefix();
        }
        if (!value.startsWith(files.getPrefix())) {
            throw new InvalidInputException(field + " '" + value + "' is outside data source '" + source.name
                    + "', whose prefix is '" + files.getPrefix() + "': give a " + field + " that starts with '"
                    + files.getPrefix() + "'");
        }
        return value;
    }

    /** INVALID_ARGUMENT when {@code value} (the parameter {@code field}) is given for a source of the other kind. */
    public static void refuse(DataSource source, String field, String value) {
        if (value != null && !value.isEmpty()) {
            throw new InvalidInputException(field + " is given, but data source '" + source.name + "' is "
                    + (source.isTable() ? "a PostgreSQL table" : "files in S3") + ": " + (source.isTable()
                            ? "prefix and key apply to file sources; use schema and table"
                            : "schema and table apply to table sources; use prefix or key"));
        }
    }

    /** {@code value}, or {@code fallback} when it is absent. */
    public static String orElse(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
