package dev.outpost.dq.rules;

import java.util.List;

/**
 * Reads the keys specific to one check type. Adding a check type means one record, one parser registered in
 * {@link CheckTypes}, and one case in the SQL compiler.
 */
interface CheckParser {

    /** The type as written in YAML. */
    String type();

    /** The dimension a check of this type counts towards unless the rule set says otherwise. */
    Dimension defaultDimension();

    /** The keys of this type besides {@code name}, {@code type} and {@code dimension}, in documentation order. */
    List<String> keys();

    /**
     * Whether checks of this type judge individual rows, so that a threshold of failing rows applies to them; checks
     * on the data set as a whole pass or fail at once.
     */
    default boolean judgesRows() {
        return true;
    }

    /**
     * Reads this type's keys, reporting every problem to {@code fields}. The returned factory is called only when no
     * problem was reported for the check, so it may rely on every value it captured being present.
     */
    CheckFactory parse(YamlFields fields);

    /** Completes a check whose type-specific keys have been read. */
    @FunctionalInterface
    interface CheckFactory {
        Check create(String name, Dimension dimension);
    }
}
