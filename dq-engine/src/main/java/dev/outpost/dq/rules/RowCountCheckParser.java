package dev.outpost.dq.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalLong;

final class RowCountCheckParser implements CheckParser {

    @Override
    public String type() {
        return RowCountCheck.TYPE;
    }

    @Override
    public Dimension defaultDimension() {
        return RowCountCheck.DEFAULT_DIMENSION;
    }

    @Override
    public boolean judgesRows() {
        return false;
    }

    @Override
    public List<String> keys() {
        return List.of("min", "max");
    }

    @Override
    public CheckFactory parse(YamlFields fields) {
        Long min = fields.optionalCount("min");
        Long max = fields.optionalCount("max");
        fields.requireBounds(decimal(min), decimal(max));
        return (name, dimension) -> new RowCountCheck(name, dimension, optional(min), optional(max));
    }

    private static BigDecimal decimal(Long bound) {
        return bound == null ? null : BigDecimal.valueOf(bound);
    }

    private static OptionalLong optional(Long bound) {
        return bound == null ? OptionalLong.empty() : OptionalLong.of(bound);
    }
}
