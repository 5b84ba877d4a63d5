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

    /**
     * Options from a data source's settings as text: an empty delimiter or quote is detected from the data.
     *
     * @throws IllegalArgumentException when the delimiter or quote is longer than one character, or the options
     *     contradict each other, saying which and how to fix it
     */
    public static CsvOptions of(boolean header, String delimiter, String quote, Compression compression) {
        return new CsvOptions(header, oneCharacter("delimiter", delimiter), oneCharacter("quote", quote),
                compression);
    }

    private static Optional<Character> oneCharacter(String option, String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() != 1) {
            throw new IllegalArgumentException("the CSV " + option + " '" + value + "' is not one character: give "
                    + "exactly one character (a tab as the tab character itself, not '\\t'), or leave it empty to "
                    + "detect it");
        }
        return Optional.of(value.charAt(0));
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
