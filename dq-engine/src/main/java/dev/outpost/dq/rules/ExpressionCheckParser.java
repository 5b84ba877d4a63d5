package dev.outpost.dq.rules;

import java.util.List;

final class ExpressionCheckParser implements CheckParser {

    @Override
    public String type() {
        return ExpressionCheck.TYPE;
    }

    @Override
    public Dimension defaultDimension() {
        return ExpressionCheck.DEFAULT_DIMENSION;
    }

    @Override
    public List<String> keys() {
        return List.of("condition");
    }

    @Override
    public CheckFactory parse(YamlFields fields) {
        String text = fields.requiredText("condition");
        RowExpression condition = text == null ? null : fields.expression("condition", text);
        return (name, dimension) -> new ExpressionCheck(name, dimension, text, condition);
    }
}
