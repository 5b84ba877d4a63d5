package dev.outpost.dq.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The functions an expression may call: this list and nothing else. */
public enum RowFunction {
    /** {@code length(text)}: the number of characters. */
    LENGTH(1, 1),
    /** {@code lower(text)}. */
    LOWER(1, 1),
    /** {@code upper(text)}. */
    UPPER(1, 1),
    /** {@code trim(text)}: without leading and trailing spaces. */
    TRIM(1, 1),
    /** {@code abs(number)}. */
    ABS(1, 1),
    /** {@code round(number)} or {@code round(number, digits)}. */
    ROUND(1, 2),
    /** {@code coalesce(a, b, …)}: the first argument that is not null. */
    COALESCE(2, 16);

    private final int minArguments;
    private final int maxArguments;

    RowFunction(int minArguments, int maxArguments) {
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
    }

    public int minArguments() {
        return minArguments;
    }

    public int maxArguments() {
        return maxArguments;
    }

    /** The name as written in expressions (and in SQL), e.g. {@code lower}. */
    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The function named {@code name}, ignoring case. */
    public static Optional<RowFunction> named(String name) {
        return Arrays.stream(values()).filter(f -> f.sqlName().equalsIgnoreCase(name)).findFirst();
    }
}
