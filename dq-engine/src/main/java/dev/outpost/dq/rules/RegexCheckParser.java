package dev.outpost.dq.rules;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

final class RegexCheckParser implements CheckParser {

    @Override
    public String type() {
        return RegexCheck.TYPE;
    }

    @Override
    public Dimension defaultDimension() {
        return RegexCheck.DEFAULT_DIMENSION;
    }

    @Override
    public List<String> keys() {
        return List.of("column", "pattern");
    }

    @Override
    public CheckFactory parse(YamlFields fields) {
        String column = fields.requiredText("column");
        String pattern = fields.requiredText("pattern");
        if (pattern != null) {
            validate(pattern, fields);
        }
        return (name, dimension) -> new RegexCheck(name, dimension, column, pattern);
    }

    private static void validate(String pattern, YamlFields fields) {
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException invalid) {
            fields.problem("pattern", "'pattern' in " + fields.owner() + " is not a valid regular expression: "
                    + invalid.getDescription() + (invalid.getIndex() >= 0 ? " at index " + invalid.getIndex() : "")
                    + "; fix it, and write it in single quotes so YAML keeps backslashes as they are");
            return;
        }
        PortableRegex.firstUnsupported(pattern).ifPresent(construct -> fields.problem("pattern",
                "'pattern' in " + fields.owner() + " uses " + construct + ", which the SQL engines do not support;"
                        + " rewrite it without lookaround, backreferences, atomic groups or possessive quantifiers"));
    }
}
