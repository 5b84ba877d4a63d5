package dev.outpost.dq.rules;

import java.util.List;

final class AllowedValuesCheckParser implements CheckParser {

    @Override
    public String type() {
        return AllowedValuesCheck.TYPE;
    }

    @Override
    public Dimension defaultDimension() {
        return AllowedValuesCheck.DEFAULT_DIMENSION;
    }

    @Override
    public List<String> keys() {
        return List.of("column", "values");
    }

    @Override
    public CheckFactory parse(YamlFields fields) {
        String column = fields.requiredText("column");
        List<String> values = fields.requiredTextList("values", false);
        return (name, dimension) -> new AllowedValuesCheck(name, dimension, column, values);
    }
}
