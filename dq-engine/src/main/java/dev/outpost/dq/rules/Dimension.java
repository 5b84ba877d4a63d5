package dev.outpost.dq.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The data-quality dimension a check measures; scores are reported per dimension. */
public enum Dimension {
    /** The data that should be there is there: no missing values, enough rows. */
    COMPLETENESS,
    /** Values have the expected format, type, range or set of values. */
    VALIDITY,
    /** Nothing is recorded twice. */
    UNIQUENESS,
    /** The data is recent enough. */
    TIMELINESS,
    /** The data agrees with itself and with related data sets. */
    CONSISTENCY,
    /** Values match the real-world facts they describe. */
    ACCURACY;

    /** The spelling used in rule-set YAML, e.g. {@code completeness}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The dimension spelled {@code yamlName} in YAML; the spelling is exact (lower case). */
    public static Optional<Dimension> fromYamlName(String yamlName) {
        return Arrays.stream(values()).filter(d -> d.yamlName().equals(yamlName)).findFirst();
    }
}
