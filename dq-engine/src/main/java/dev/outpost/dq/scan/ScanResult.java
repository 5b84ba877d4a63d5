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
 * @param fileDifferences how the files of a multi-file data set differ from the table the scan read (names and
 *     types only); empty when they agree or there is one file
 */
public record ScanResult(long rowsScanned, List<CheckOutcome> checks, Map<Dimension, Double> dimensionScores,
        double score, List<FileSchemaDifference> fileDifferences) {

    /** A result with no differences between files. */
    public ScanResult(long rowsScanned, List<CheckOutcome> checks, Map<Dimension, Double> dimensionScores,
            double score) {
        this(rowsScanned, checks, dimensionScores, score, List.of());
    }

    public ScanResult {
        fileDifferences = List.copyOf(fileDifferences);
        checks = List.copyOf(checks);
        EnumMap<Dimension, Double> inDimensionOrder = new EnumMap<>(Dimension.class);
        inDimensionOrder.putAll(dimensionScores);
        dimensionScores = Collections.unmodifiableMap(inDimensionOrder);
    }
}
