package dev.outpost.dq.rules;

import java.util.List;

final class NotNullCheckParser implements CheckParser {

    @Override
    public String type() {
        return NotNullCheck.TYPE;
    }

    @Override
    public Dimension defaultDimension() {
        return NotNullCheck.DEFAULT_DIMENSION;
    }

    @Override
    public List<String> keys() {
        return List.of("column");
    }

    @Override
    public CheckFactory parse(YamlFields fields) {
        String column = fields.requiredText("column");
        return (name, dimension) -> new NotNullCheck(name, dimension, column);
    }
}
