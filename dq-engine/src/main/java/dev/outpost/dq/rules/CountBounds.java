package dev.outpost.dq.rules;

import java.util.OptionalLong;

/** The rule shared by checks bounded by counts (rows, characters): at least one bound, none negative, min <= max. */
final class CountBounds {

    private CountBounds() {
    }

    /**
     * @param check the check type, for the message, e.g. {@code "row_count"}
     * @param what  what is counted, for the message, e.g. {@code "row count"}
     * @throws IllegalArgumentException when the bounds break the rule
     */
    static void require(String check, String what, OptionalLong min, OptionalLong max) {
        if (min.isEmpty() && max.isEmpty()) {
            throw new IllegalArgumentException("a " + check + " check needs min, max or both");
        }
        if (min.orElse(0) < 0 || max.orElse(0) < 0) {
            throw new IllegalArgumentException(what + " bounds cannot be negative");
        }
        if (min.isPresent() && max.isPresent() && min.getAsLong() > max.getAsLong()) {
            throw new IllegalArgumentException("min " + min.getAsLong() + " is greater than max " + max.getAsLong());
        }
    }
}
