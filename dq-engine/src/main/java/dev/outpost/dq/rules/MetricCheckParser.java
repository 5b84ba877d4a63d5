package dev.outpost.dq.rules;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

final class MetricCheckParser implements CheckParser {

    private static final String BETWEEN = "must_be_between";
    private static final String AT_LEAST = "must_be_at_least";
    private static final String AT_MOST = "must_be_at_most";

    @Override
    public String type() {
        return MetricCheck.TYPE;
    }

    @Override
    public Dimension defaultDimension() {
        return MetricCheck.DEFAULT_DIMENSION;
    }

    @Override
    public boolean judgesRows() {
        return false;
    }

    @Override
    public List<String> keys() {
        return List.of("column", "metric", "percentile", BETWEEN, AT_LEAST, AT_MOST);
    }

    @Override
    public CheckFactory parse(YamlFields fields) {
        String column = fields.requiredText("column");
        Metric metric = readMetric(fields);
        BigDecimal percentile = readPercentile(fields, metric);
        BigDecimal[] bounds = readBounds(fields);
        return (name, dimension) -> new MetricCheck(name, dimension, column, metric, Optional.ofNullable(percentile),
                Optional.ofNullable(bounds[0]), Optional.ofNullable(bounds[1]));
    }

    private static Metric readMetric(YamlFields fields) {
        String metric = fields.requiredText("metric");
        if (metric == null) {
            return null;
        }
        return Metric.fromYamlName(metric).orElseGet(() -> {
            List<String> known = Arrays.stream(Metric.values()).map(Metric::yamlName).toList();
            fields.problem("metric", "unknown metric '" + metric + "' in " + fields.owner()
                    + Suggestions.closest(metric, known).map(s -> "; did you mean '" + s + "'?")
                            .orElse("; known metrics are " + String.join(", ", known)));
            return null;
        });
    }

    private static BigDecimal readPercentile(YamlFields fields, Metric metric) {
        if (metric != Metric.PERCENTILE) {
            if (metric != null && fields.has("percentile")) {
                fields.problem("percentile", "'percentile' applies only to metric 'percentile' in " + fields.owner()
                        + "; remove it");
            }
            return null;
        }
        if (!fields.has("percentile")) {
            fields.problem("metric", fields.owner() + " computes a percentile but has no 'percentile'; add the"
                    + " fraction, e.g. 'percentile: 0.95' for the 95th percentile");
            return null;
        }
        BigDecimal percentile = fields.optionalNumber("percentile");
        if (percentile != null && (percentile.signum() < 0 || percentile.compareTo(BigDecimal.ONE) > 0)) {
            fields.problem("percentile", "'percentile' in " + fields.owner() + " is a fraction from 0 to 1 (0.95 for"
                    + " the 95th percentile), not " + percentile.toPlainString());
            return null;
        }
        return percentile;
    }

    /** The lower and upper bound, either possibly {@code null}. */
    private static BigDecimal[] readBounds(YamlFields fields) {
        if (fields.has(BETWEEN)) {
            for (String single : List.of(AT_LEAST, AT_MOST)) {
                if (fields.has(single)) {
                    fields.problem(single, "'" + single + "' cannot be combined with '" + BETWEEN + "' in "
                            + fields.owner() + "; keep one");
                }
            }
            return readBetween(fields);
        }
        if (!fields.has(AT_LEAST) && !fields.has(AT_MOST)) {
            fields.problem("metric", fields.owner() + " needs bounds for its metric: '" + BETWEEN + ": [low, high]',"
                    + " '" + AT_LEAST + "', '" + AT_MOST + "' or both of the last two");
            return new BigDecimal[2];
        }
        BigDecimal low = fields.optionalNumber(AT_LEAST);
        BigDecimal high = fields.optionalNumber(AT_MOST);
        if (low != null && high != null && low.compareTo(high) > 0) {
            fields.problem(AT_LEAST, "'" + AT_LEAST + "' (" + low.toPlainString() + ") is greater than '" + AT_MOST
                    + "' (" + high.toPlainString() + ") in " + fields.owner() + "; swap them");
        }
        return new BigDecimal[] {low, high};
    }

    private static BigDecimal[] readBetween(YamlFields fields) {
        Node node = fields.value(BETWEEN);
        if (!(node instanceof SequenceNode pair) || pair.getValue().size() != 2
                || !pair.getValue().stream().allMatch(MetricCheckParser::isNumber)) {
            fields.problem(BETWEEN, "'" + BETWEEN + "' in " + fields.owner() + " must be a list of two numbers,"
                    + " [low, high], not " + YamlFields.kindOf(node));
            return new BigDecimal[2];
        }
        BigDecimal low = number(pair.getValue().get(0));
        BigDecimal high = number(pair.getValue().get(1));
        if (low == null || high == null) {
            fields.problem(BETWEEN, "'" + BETWEEN + "' in " + fields.owner() + " must hold finite decimal numbers"
                    + " such as 12 or 0.5");
            return new BigDecimal[2];
        }
        if (low.compareTo(high) > 0) {
            fields.problem(BETWEEN, "'" + BETWEEN + "' in " + fields.owner() + " lists " + low.toPlainString()
                    + " before the smaller " + high.toPlainString() + "; write [low, high]");
        }
        return new BigDecimal[] {low, high};
    }

    private static boolean isNumber(Node node) {
        return node instanceof ScalarNode scalar
                && (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT));
    }

    private static BigDecimal number(Node node) {
        try {
            return new BigDecimal(((ScalarNode) node).getValue().replace("_", ""));
        } catch (NumberFormatException notDecimal) {
            return null;
        }
    }
}
