package dev.outpost.dq.scan;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How one file of a multi-file data set differs from the table the scan reads (the union of the files' columns by
 * name). Names and types only, no values: it may be shown anywhere.
 *
 * @param file the file, as the data set names it
 * @param column the column
 * @param fileType the column's type in this file; empty when the file lacks the column (its rows read null there)
 * @param readAs the column's type in the table the scan reads
 */
public record FileSchemaDifference(Path file, String column, Optional<String> fileType, String readAs) {

    /** In words, e.g. {@code 'b.csv' lacks column 'email'}. */
    public String describe() {
        return fileType.map(type -> "'" + file + "' has column '" + column + "' as " + type + ", read as " + readAs)
                .orElse("'" + file + "' lacks column '" + column + "' (read as null in its rows)");
    }
}
