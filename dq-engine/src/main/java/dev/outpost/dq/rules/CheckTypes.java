package dev.outpost.dq.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The registry of check types the parser knows, keyed by their YAML name. */
final class CheckTypes {

    private static final Map<String, CheckParser> PARSERS = new LinkedHashMap<>();

    static {
        register(new NotNullCheckParser());
        register(new UniqueCheckParser());
        register(new RegexCheckParser());
        register(new BetweenCheckParser());
        register(new AllowedValuesCheckParser());
        register(new RowCountCheckParser());
        register(new LengthCheckParser());
        register(new FormatCheckParser());
        register(new FreshnessCheckParser());
        register(new MetricCheckParser());
        register(new SchemaCheckParser());
        register(new ExpressionCheckParser());
        register(new ReferenceCheckParser());
    }

    private CheckTypes() {
    }

    private static void register(CheckParser parser) {
        PARSERS.put(parser.type(), parser);
    }

    static Optional<CheckParser> parser(String type) {
        return Optional.ofNullable(PARSERS.get(type));
    }

    static Set<String> names() {
        return PARSERS.keySet();
    }
}
