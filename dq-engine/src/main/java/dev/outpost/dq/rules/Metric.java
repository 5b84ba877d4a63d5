package dev.outpost.dq.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The aggregate a {@code metric} check computes over a column's numeric values (nulls and non-numbers ignored). */
public enum Metric {
    /** The smallest value. */
    MIN,
    /** The largest value. */
    MAX,
    /** The arithmetic mean. */
    AVG,
    /** The sum. */
    SUM,
    /** The sample standard deviation (n − 1 in the denominator); needs two values. */
    STDDEV,
    /** The continuous (interpolated) percentile at a fraction from 0 to 1, e.g. 0.95. */
    PERCENTILE;

    /** The spelling used in rule-set YAML, e.g. {@code avg}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The metric spelled {@code yamlName} in YAML; the spelling is exact (lower case). */
    public static Optional<Metric> fromYamlName(String yamlName) {
        return Arrays.stream(values()).filter(m -> m.yamlName().equals(yamlName)).findFirst();
    }
}
