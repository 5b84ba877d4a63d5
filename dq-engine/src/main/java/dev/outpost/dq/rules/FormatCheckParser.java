package dev.outpost.dq.rules;

import java.util.Arrays;
import java.util.List;

final class FormatCheckParser implements CheckParser {

    @Override
    public String type() {
        return FormatCheck.TYPE;
    }

    @Override
    public Dimension defaultDimension() {
        return FormatCheck.DEFAULT_DIMENSION;
    }

    @Override
    public List<String> keys() {
        return List.of("column", "format");
    }

    @Override
    public CheckFactory parse(YamlFields fields) {
        String column = fields.requiredText("column");
        String formatName = fields.requiredText("format");
        NamedFormat format = formatName == null ? null : NamedFormat.fromYamlName(formatName).orElseGet(() -> {
            List<String> known = Arrays.stream(NamedFormat.values()).map(NamedFormat::yamlName).toList();
            fields.problem("format", "unknown format '" + formatName + "' in " + fields.owner()
                    + Suggestions.closest(formatName, known).map(s -> "; did you mean '" + s + "'?")
                            .orElse("; known formats are " + String.join(", ", known)
                                    + " (use a regex check for any other)"));
            return null;
        });
        return (name, dimension) -> new FormatCheck(name, dimension, column, format);
    }
}
