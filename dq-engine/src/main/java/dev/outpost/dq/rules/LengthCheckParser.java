package dev.outpost.dq.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalLong;

final class LengthCheckParser implements CheckParser {

    @Override
    public String type() {
        return LengthCheck.TYPE;
    }

    @Override
    public Dimension defaultDimension() {
        return LengthCheck.DEFAULT_DIMENSION;
    }

    @Override
    public List<String> keys() {
        return List.of("column", "min", "max");
    }

    @Override
    public CheckFactory parse(YamlFields fields) {
        String column = fields.requiredText("column");
        Long min = fields.optionalCount("min");
        Long max = fields.optionalCount("max");
        fields.requireBounds(min == null ? null : BigDecimal.valueOf(min), max == null ? null : BigDecimal.valueOf(max));
        return (name, dimension) -> new LengthCheck(name, dimension, column,
                min == null ? OptionalLong.empty() : OptionalLong.of(min),
                max == null ? OptionalLong.empty() : OptionalLong.of(max));
    }
}
