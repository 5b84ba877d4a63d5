package dev.outpost.dq.rules;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How many failing rows a row-level check tolerates: at most {@code maxFailed} rows, or at most
 * {@code maxFailedPercent} percent of the rows it checked. At most one of them is present; with neither, no failing
 * row is tolerated.
 *
 * @param maxFailed the most failing rows tolerated, if the threshold is a count
 * @param maxFailedPercent the largest share of failing rows tolerated, in percent (0 to 100), if it is a share
 */
public record Threshold(OptionalLong maxFailed, Optional<BigDecimal> maxFailedPercent) {

    /** No failing row is tolerated. */
    public static final Threshold NONE = new Threshold(OptionalLong.empty(), Optional.empty());

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Threshold {
        Objects.requireNonNull(maxFailed, "maxFailed");
        Objects.requireNonNull(maxFailedPercent, "maxFailedPercent");
        if (maxFailed.isPresent() && maxFailedPercent.isPresent()) {
            throw new IllegalArgumentException("a threshold is a count or a percentage, not both");
        }
        if (maxFailed.orElse(0) < 0) {
            throw new IllegalArgumentException("maxFailed cannot be negative");
        }
        maxFailedPercent.ifPresent(percent -> {
            if (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
                throw new IllegalArgumentException("maxFailedPercent must be between 0 and 100, was " + percent);
            }
        });
    }

    /** At most {@code rows} failing rows. */
    public static Threshold maxFailed(long rows) {
        return new Threshold(OptionalLong.of(rows), Optional.empty());
    }

    /** At most {@code percent} percent of the checked rows failing. */
    public static Threshold maxFailedPercent(BigDecimal percent) {
        return new Threshold(OptionalLong.empty(), Optional.of(percent));
    }

    /** Whether {@code rowsFailed} failing rows out of {@code rowsChecked} are within the threshold. */
    public boolean tolerates(long rowsFailed, long rowsChecked) {
        if (maxFailedPercent.isPresent()) {
            // Exact decimal arithmetic: 1 failure in 200 rows is exactly 0.5 %, within a 0.5 % threshold.
            return BigDecimal.valueOf(rowsFailed).multiply(HUNDRED)
                    .compareTo(maxFailedPercent.get().multiply(BigDecimal.valueOf(rowsChecked))) <= 0;
        }
        return rowsFailed <= maxFailed.orElse(0);
    }
}
