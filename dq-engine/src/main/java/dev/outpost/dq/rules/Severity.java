package dev.outpost.dq.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a check that exceeds its threshold means for the job. */
public enum Severity {
    /** The check is reported as a warning; it does not fail the job's checks. */
    WARN,
    /** The check fails the job's checks. The default. */
    FAIL;

    /** The spelling used in rule-set YAML, e.g. {@code warn}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The severity spelled {@code yamlName} in YAML; the spelling is exact (lower case). */
    public static Optional<Severity> fromYamlName(String yamlName) {
        return Arrays.stream(values()).filter(s -> s.yamlName().equals(yamlName)).findFirst();
    }
}
