package dev.outpost.dq.scan;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Turns DuckDB's error about a data set into a {@link DataUnreadableException}. DuckDB's messages quote the offending
 * line, so only the parts known to hold no data are taken over: the error category, the file, the line number and the
 * column name.
 */
final class UnreadableData {

    private static final Pattern CATEGORY = Pattern.compile("^([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)* Error):");
    private static final Pattern LINE = Pattern.compile("CSV Error on Line: (\\d+)");
    private static final Pattern COLUMN = Pattern.compile("converting column \"([^\"\\n]+)\"");

    private UnreadableData() {
    }

    static DataUnreadableException from(SQLException error, ResolvedDataSet resolved) {
        DataSet dataSet = resolved.dataSet();
        String duckDbMessage = error.getMessage() == null ? "" : error.getMessage();
        StringBuilder message = new StringBuilder("The ").append(dataSet.format().name()).append(" data set (")
                .append(dataSet.files().stream().map(Path::toString).collect(Collectors.joining(", ")))
                .append(") cannot be read: ")
                .append(first(CATEGORY, duckDbMessage).map(c -> c.toLowerCase(Locale.ROOT)).orElse("unknown error"));
        Optional<String> line = first(LINE, duckDbMessage);
        line.ifPresent(number -> message.append(" on line ").append(number));
        fileIn(duckDbMessage, resolved).ifPresent(file -> message.append(line.isPresent() ? " of '" : " in '")
                .append(file).append('\''));
        first(COLUMN, duckDbMessage).ifPresent(column -> message.append(" in column '").append(column).append('\''));
        message.append(". ").append(hint(dataSet.format()));
        return new DataUnreadableException(message.toString());
    }

    private static String hint(DataSet.Format format) {
        return switch (format) {
            case CSV -> "Check that each file is UTF-8 CSV with a header row and one delimiter, and that every value in"
                    + " a column fits the type detected from the first rows (a number column with a word far down"
                    + " fails).";
            case PARQUET -> "Check that each file is a complete Parquet file: not truncated, not another format.";
            case JSON_LINES -> "Check that each file holds one JSON object per line, UTF-8, and that a key keeps one"
                    + " kind of value (a number key with a text far down fails).";
        };
    }

    private static Optional<String> first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The data-set file, as the caller named it, that the message is about. */
    private static Optional<Path> fileIn(String text, ResolvedDataSet resolved) {
        // Longest path first: DuckDB names the file it read, and "/w/a.csv" is part of "/w/a.csv.gz".
        return IntStream.range(0, resolved.files().size()).boxed()
                .filter(i -> text.contains(resolved.files().get(i).toString()))
                .max(Comparator.comparingInt(i -> resolved.files().get(i).toString().length()))
                .map(i -> resolved.dataSet().files().get(i));
    }
}
