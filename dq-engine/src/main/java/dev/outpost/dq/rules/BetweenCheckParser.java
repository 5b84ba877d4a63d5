package dev.outpost.dq.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

final class BetweenCheckParser implements CheckParser {

    @Override
    public String type() {
        return BetweenCheck.TYPE;
    }

    @Override
    public Dimension defaultDimension() {
        return BetweenCheck.DEFAULT_DIMENSION;
    }

    @Override
    public List<String> keys() {
        return List.of("column", "min", "max");
    }

    @Override
    public CheckFactory parse(YamlFields fields) {
        String column = fields.requiredText("column");
        BigDecimal min = fields.optionalNumber("min");
        BigDecimal max = fields.optionalNumber("max");
        fields.requireBounds(min, max);
        return (name, dimension) -> new BetweenCheck(name, dimension, column, Optional.ofNullable(min),
                Optional.ofNullable(max));
    }
}
