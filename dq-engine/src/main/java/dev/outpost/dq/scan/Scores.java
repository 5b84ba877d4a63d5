package dev.outpost.dq.scan;

import dev.outpost.dq.rules.Dimension;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The scoring rules (see the package documentation). */
final class Scores {

    private Scores() {
    }

    /** The share of checked rows that passed; 1.0 when no row was checked. */
    static double ofRows(long rowsChecked, long rowsFailed) {
        return rowsChecked == 0 ? 1.0 : (double) (rowsChecked - rowsFailed) / rowsChecked;
    }

    static Map<Dimension, Double> byDimension(List<CheckOutcome> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(outcome -> outcome.check().dimension(),
                () -> new EnumMap<>(Dimension.class), Collectors.averagingDouble(CheckOutcome::score)));
    }

    static double overall(List<CheckOutcome> outcomes) {
        return outcomes.stream().mapToDouble(CheckOutcome::score).average().orElse(1.0);
    }
}
