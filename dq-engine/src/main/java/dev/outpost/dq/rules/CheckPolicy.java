package dev.outpost.dq.rules;

import java.util.Objects;

/**
 * The options every check has besides what it measures: how many failures it tolerates, and what exceeding that
 * means.
 *
 * @param severity whether exceeding the threshold fails the job's checks or only warns
 * @param threshold the failing rows tolerated; {@link Threshold#NONE} for checks on the data set as a whole
 */
public record CheckPolicy(Severity severity, Threshold threshold) {

    /** No failure tolerated, and a failure fails. */
    public static final CheckPolicy DEFAULT = new CheckPolicy(Severity.FAIL, Threshold.NONE);

    public CheckPolicy {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(threshold, "threshold");
    }
}
