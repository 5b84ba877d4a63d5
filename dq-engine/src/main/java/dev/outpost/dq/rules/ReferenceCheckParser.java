package dev.outpost.dq.rules;

import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;

final class ReferenceCheckParser implements CheckParser {

    /** Reference source names follow the check-name rule, so they are safe in paths, messages and configuration. */
    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    @Override
    public String type() {
        return ReferenceCheck.TYPE;
    }

    @Override
    public Dimension defaultDimension() {
        return ReferenceCheck.DEFAULT_DIMENSION;
    }

    @Override
    public List<String> keys() {
        return List.of("column", "reference");
    }

    @Override
    public CheckFactory parse(YamlFields fields) {
        String column = fields.requiredText("column");
        String[] reference = readReference(fields);
        return (name, dimension) -> new ReferenceCheck(name, dimension, column, reference[0], reference[1]);
    }

    /** The source name and its column, either {@code null} after a problem. */
    private static String[] readReference(YamlFields fields) {
        if (!fields.has("reference")) {
            fields.requiredText("reference");
            return new String[2];
        }
        if (!(fields.value("reference") instanceof MappingNode mapping)) {
            fields.problem("reference", "'reference' in " + fields.owner() + " must be a mapping naming the other"
                    + " data source and its column, e.g. '{source: customers, column: id}', not "
                    + YamlFields.kindOf(fields.value("reference")));
            return new String[2];
        }
        YamlFields reference = new YamlFields(mapping, fields.pathOf("reference"), "'reference' of "
                + fields.owner(), fields.problems());
        reference.rejectUnknownKeys(List.of("source", "column"));
        String source = reference.requiredText("source");
        if (source != null && !SOURCE_NAME.matcher(source).matches()) {
            reference.problem("source", "reference source name '" + source + "' is invalid: use 1 to 63 lower-case"
                    + " letters, digits, '_' or '-', starting with a letter or digit, as the job names its sources");
            source = null;
        }
        return new String[] {source, reference.requiredText("column")};
    }
}
