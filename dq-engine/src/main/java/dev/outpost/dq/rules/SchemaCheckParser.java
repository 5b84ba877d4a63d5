package dev.outpost.dq.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

final class SchemaCheckParser implements CheckParser {

    /** A type name such as VARCHAR, DECIMAL(10,2), TIMESTAMP WITH TIME ZONE or INTEGER[]. */
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_ ]*(\\([0-9, ]+\\))?(\\[\\])*");

    @Override
    public String type() {
        return SchemaCheck.TYPE;
    }

    @Override
    public Dimension defaultDimension() {
        return SchemaCheck.DEFAULT_DIMENSION;
    }

    @Override
    public boolean judgesRows() {
        return false;
    }

    @Override
    public List<String> keys() {
        return List.of("required_columns", "column_types");
    }

    @Override
    public CheckFactory parse(YamlFields fields) {
        List<String> required = fields.has("required_columns") ? fields.requiredTextList("required_columns", true)
                : List.of();
        Map<String, String> types = fields.has("column_types") ? readTypes(fields) : Map.of();
        if (!fields.has("required_columns") && !fields.has("column_types")) {
            fields.problem("type", fields.owner() + " needs 'required_columns' (a list of names), 'column_types' (a"
                    + " mapping of name to type, e.g. {id: BIGINT}) or both");
        }
        return (name, dimension) -> new SchemaCheck(name, dimension, required, types);
    }

    private static Map<String, String> readTypes(YamlFields fields) {
        Node node = fields.value("column_types");
        if (!(node instanceof MappingNode mapping) || mapping.getValue().isEmpty()) {
            fields.problem("column_types", "'column_types' in " + fields.owner() + " must be a non-empty mapping of"
                    + " column name to type, e.g. {id: BIGINT, email: VARCHAR}, not " + YamlFields.kindOf(node));
            return null;
        }
        Map<String, String> types = new LinkedHashMap<>();
        boolean valid = true;
        for (NodeTuple entry : mapping.getValue()) {
            String column = entry.getKeyNode() instanceof ScalarNode key ? key.getValue() : null;
            Node value = entry.getValueNode();
            String type = value instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)
                    ? scalar.getValue().strip() : null;
            if (column == null || type == null || !TYPE_NAME.matcher(type).matches()) {
                fields.problem("column_types", "'column_types' in " + fields.owner() + " maps each column name to"
                        + " one type name such as BIGINT, VARCHAR or DECIMAL(10,2); "
                        + (column == null ? "a key is not a plain name" : "'" + column + "' has " + YamlFields.kindOf(
                                value)));
                valid = false;
            } else if (types.putIfAbsent(column, type) != null) {
                fields.problem("column_types", "column '" + column + "' appears more than once in 'column_types' of "
                        + fields.owner() + "; keep only one");
                valid = false;
            }
        }
        return valid ? types : null;
    }
}
