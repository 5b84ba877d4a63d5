package dev.outpost.dq.scan;

import java.util.Objects;
import java.util.Optional;

/**
 * How CSV files are read. Anything not given is detected by DuckDB from the data.
 *
 * @param header whether the first line names the columns; without one, columns are named {@code column0},
 *     {@code column1}, …
 * @param delimiter the character between values; detected when empty
 * @param quote the character around values that contain the delimiter; detected when empty
 * @param compression whether the files are gzip-compressed
 */
public record CsvOptions(boolean header, Optional<Character> delimiter, Optional<Character> quote,
        Compression compression) {

    /** A header row, delimiter and quote detected, compression from the file name. */
    public static final CsvOptions DEFAULT = new CsvOptions(true, Optional.empty(), Optional.empty(),
            Compression.BY_EXTENSION);

    /** Whether CSV files are compressed. */
    public enum Compression {
        /** A name ending in {@code .gz} is gzip, anything else is plain. */
        BY_EXTENSION,
        /** Every file is gzip, whatever its name. */
        GZIP,
        /** No file is compressed, whatever its name. */
        NONE
    }

    public CsvOptions {
        Objects.requireNonNull(delimiter, "delimiter");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(compression, "compression");
        delimiter.ifPresent(c -> requirePlain("delimiter", c));
        quote.ifPresent(c -> requirePlain("quote", c));
        if (delimiter.isPresent() && delimiter.equals(quote)) {
            throw new IllegalArgumentException("the CSV delimiter and quote must differ, both are '" + delimiter.get()
                    + "'");
        }
    }

    private static void requirePlain(String what, char c) {
        if (c == '\n' || c == '\r' || c == '\0') {
            throw new IllegalArgumentException("the CSV " + what + " cannot be a line break or NUL");
        }
    }

    /** Options with {@code delimiter}. */
    public CsvOptions withDelimiter(char delimiter) {
        return new CsvOptions(header, Optional.of(delimiter), quote, compression);
    }

    /** Options with {@code quote}. */
    public CsvOptions withQuote(char quote) {
        return new CsvOptions(header, delimiter, Optional.of(quote), compression);
    }

    /** Options with or without a header row. */
    public CsvOptions withHeader(boolean header) {
        return new CsvOptions(header, delimiter, quote, compression);
    }

    /** Options with {@code compression}. */
    public CsvOptions withCompression(Compression compression) {
        return new CsvOptions(header, delimiter, quote, compression);
    }
}
