package dev.outpost.dq.rules;

import java.util.List;

final class UniqueCheckParser implements CheckParser {

    @Override
    public String type() {
        return UniqueCheck.TYPE;
    }

    @Override
    public Dimension defaultDimension() {
        return UniqueCheck.DEFAULT_DIMENSION;
    }

    @Override
    public List<String> keys() {
        return List.of("columns");
    }

    @Override
    public CheckFactory parse(YamlFields fields) {
        List<String> columns = fields.requiredTextList("columns", true);
        return (name, dimension) -> new UniqueCheck(name, dimension, columns);
    }
}
