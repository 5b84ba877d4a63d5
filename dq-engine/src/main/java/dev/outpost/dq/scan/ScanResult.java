package dev.outpost.dq.scan;

import dev.outpost.dq.rules.Dimension;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of evaluating a rule set against a data set.
 *
 * @param rowsScanned the data set's row count
 * @param checks one outcome per check, in rule-set order
 * @param dimensionScores the mean check score of each dimension that has checks, in {@link Dimension} order
 * @param score the mean score of all checks
 */
public record ScanResult(long rowsScanned, List<CheckOutcome> checks, Map<Dimension, Double> dimensionScores,
        double score) {

    public ScanResult {
        checks = List.copyOf(checks);
        EnumMap<Dimension, Double> inDimensionOrder = new EnumMap<>(Dimension.class);
        inDimensionOrder.putAll(dimensionScores);
        dimensionScores = Collections.unmodifiableMap(inDimensionOrder);
    }
}
