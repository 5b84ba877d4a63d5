package dev.outpost.dq.rules;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parses a rule set from YAML (the format is described in the {@linkplain dev.outpost.dq.rules package
 * documentation}).
 *
 * <p>The parser works on SnakeYAML's node tree rather than on loaded objects so that every problem carries the line
 * and column of the node it concerns, and it keeps going after a problem so that a user fixes them all in one round.
 */
public final class RuleSetParser {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final List<String> COMMON_KEYS = List.of("name", "type", "dimension", "severity", "filter",
            "group_by", "max_groups");
    private static final List<String> THRESHOLD_KEYS = List.of("max_failed", "max_failed_percent");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** Failing groups are reported with their values, which stay on the edge: a bound keeps that report small. */
    private static final int MAX_GROUPS_LIMIT = 10_000;

    private final Problems problems = new Problems();
    private final Map<String, String> namesSeen = new HashMap<>();
    private final Map<String, CheckPolicy> policies = new HashMap<>();

    private RuleSetParser() {
    }

    /**
     * Parses and validates a rule set.
     *
     * @throws RuleSetInvalidException with every problem found, when the text is not a valid rule set
     */
    public static RuleSet parse(String yaml) {
        Objects.requireNonNull(yaml, "yaml");
        return new RuleSetParser().read(compose(yaml));
    }

    private static Node compose(String yaml) {
        try {
            return new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (MarkedYAMLException syntax) {
            Mark mark = syntax.getProblemMark() != null ? syntax.getProblemMark() : syntax.getContextMark();
            String context = syntax.getContext() == null ? "" : " (" + syntax.getContext() + ")";
            String message = "invalid YAML: " + syntax.getProblem() + context
                    + "; check the indentation and quoting here";
            throw new RuleSetInvalidException(List.of(mark == null
                    ? new RuleSetProblem(1, 1, "", message)
                    : new RuleSetProblem(mark.getLine() + 1, mark.getColumn() + 1, "", message)));
        } catch (YAMLException unreadable) {
            throw new RuleSetInvalidException(List.of(new RuleSetProblem(1, 1, "",
                    "invalid YAML: " + unreadable.getMessage())));
        }
    }

    private RuleSet read(Node document) {
        if (document == null) {
            throw new RuleSetInvalidException(List.of(new RuleSetProblem(1, 1, "",
                    "the rule set is empty; write a mapping with a 'checks' list, e.g."
                            + " 'checks: [{name: id-present, type: not_null, column: id}]'")));
        }
        List<Check> checks = readDocument(document);
        if (problems.count() > 0) {
            throw new RuleSetInvalidException(problems.inDocumentOrder());
        }
        return new RuleSet(checks, policies);
    }

    private List<Check> readDocument(Node document) {
        if (!(document instanceof MappingNode mapping)) {
            problems.add(document, "", "the rule set must be a mapping with a 'checks' list, not "
                    + YamlFields.kindOf(document));
            return List.of();
        }
        YamlFields root = new YamlFields(mapping, "", "the rule set", problems);
        root.rejectUnknownKeys(List.of("checks"));
        if (!root.has("checks")) {
            problems.add(mapping, "checks", "the rule set is missing required key 'checks'; list the checks under it");
            return List.of();
        }
        if (!(root.value("checks") instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            root.problem("checks", "'checks' must be a non-empty list of checks, not "
                    + YamlFields.kindOf(root.value("checks")));
            return List.of();
        }
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            Check check = readCheck(sequence.getValue().get(i), "checks[" + i + "]");
            if (check != null) {
                checks.add(check);
            }
        }
        return checks;
    }

    /** One check, or {@code null} when it has problems. */
    private Check readCheck(Node node, String path) {
        if (!(node instanceof MappingNode mapping)) {
            problems.add(node, path, "each check must be a mapping with at least 'name' and 'type', not "
                    + YamlFields.kindOf(node));
            return null;
        }
        int problemsBefore = problems.count();
        YamlFields fields = new YamlFields(mapping, path, ownerOf(mapping, path), problems);
        String name = readName(fields, path);
        String type = fields.requiredText("type");
        CheckParser parser = type == null ? null : CheckTypes.parser(type).orElse(null);
        if (type != null && parser == null) {
            fields.problem("type", "unknown check type '" + type + "'" + Suggestions.closest(type, CheckTypes.names())
                    .map(suggestion -> "; did you mean '" + suggestion + "'?")
                    .orElse("; known types are " + String.join(", ", CheckTypes.names())));
        }
        Dimension dimension = readDimension(fields, parser);
        if (parser == null) {
            // Without a known type there is no telling which other keys belong.
            return null;
        }
        SequencedSet<String> allowed = new LinkedHashSet<>(COMMON_KEYS);
        allowed.addAll(THRESHOLD_KEYS);
        allowed.addAll(parser.keys());
        fields.rejectUnknownKeys(allowed);
        Severity severity = readSeverity(fields);
        Threshold threshold = readThreshold(fields, parser);
        RowExpression filter = readFilter(fields, parser);
        List<String> groupBy = readGroupBy(fields, parser);
        Long maxGroups = readMaxGroups(fields);
        CheckParser.CheckFactory factory = parser.parse(fields);
        if (problems.count() != problemsBefore) {
            return null;
        }
        policies.put(name, new CheckPolicy(severity, threshold, Optional.ofNullable(filter), groupBy,
                maxGroups.intValue()));
        return factory.create(name, dimension);
    }

    private static RowExpression readFilter(YamlFields fields, CheckParser parser) {
        String filter = fields.optionalText("filter");
        if (filter == null) {
            return null;
        }
        if (parser.type().equals(SchemaCheck.TYPE)) {
            fields.problem("filter", "'filter' does not apply to " + fields.owner() + ": a schema check reads no"
                    + " rows; remove 'filter'");
            return null;
        }
        return fields.expression("filter", filter);
    }

    private static List<String> readGroupBy(YamlFields fields, CheckParser parser) {
        if (!fields.has("group_by")) {
            return List.of();
        }
        if (parser.type().equals(SchemaCheck.TYPE)) {
            fields.problem("group_by", "'group_by' does not apply to " + fields.owner() + ": a schema check reads no"
                    + " rows; remove 'group_by'");
            return List.of();
        }
        List<String> columns = fields.requiredTextList("group_by", true);
        return columns == null ? List.of() : columns;
    }

    private static Long readMaxGroups(YamlFields fields) {
        if (!fields.has("max_groups")) {
            return (long) CheckPolicy.DEFAULT_MAX_GROUPS;
        }
        if (!fields.has("group_by")) {
            fields.problem("max_groups", "'max_groups' in " + fields.owner() + " applies only with 'group_by'; add"
                    + " 'group_by: [column]' or remove 'max_groups'");
            return 1L;
        }
        Long maxGroups = fields.optionalCount("max_groups");
        if (maxGroups != null && (maxGroups < 1 || maxGroups > MAX_GROUPS_LIMIT)) {
            fields.problem("max_groups", "'max_groups' in " + fields.owner() + " must be from 1 to "
                    + MAX_GROUPS_LIMIT + ", not " + maxGroups);
            return 1L;
        }
        return maxGroups == null ? 1L : maxGroups;
    }

    private static Severity readSeverity(YamlFields fields) {
        String severity = fields.optionalText("severity");
        if (severity == null) {
            return Severity.FAIL;
        }
        return Severity.fromYamlName(severity).orElseGet(() -> {
            fields.problem("severity", "unknown severity '" + severity + "'; use warn or fail");
            return null;
        });
    }

    private static Threshold readThreshold(YamlFields fields, CheckParser parser) {
        if (!parser.judgesRows()) {
            for (String key : THRESHOLD_KEYS) {
                if (fields.has(key)) {
                    fields.problem(key, "'" + key + "' does not apply to " + fields.owner() + ": a " + parser.type()
                            + " check judges the data set as a whole, so it passes or fails without a count of"
                            + " failing rows; remove '" + key + "'");
                }
            }
            return Threshold.NONE;
        }
        if (fields.has("max_failed") && fields.has("max_failed_percent")) {
            fields.problem("max_failed_percent", fields.owner() + " has both 'max_failed' and 'max_failed_percent';"
                    + " keep one (a count of rows or a percentage of the rows checked)");
            return null;
        }
        Long maxFailed = fields.optionalCount("max_failed");
        if (maxFailed != null) {
            return Threshold.maxFailed(maxFailed);
        }
        BigDecimal percent = fields.optionalNumber("max_failed_percent");
        if (percent == null) {
            return Threshold.NONE;
        }
        if (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
            fields.problem("max_failed_percent", "'max_failed_percent' in " + fields.owner()
                    + " is a percentage from 0 to 100 (0.5 means one row in 200), not " + percent.toPlainString());
            return null;
        }
        return Threshold.maxFailedPercent(percent);
    }

    private String readName(YamlFields fields, String path) {
        String name = fields.requiredText("name");
        if (name == null) {
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            fields.problem("name", "check name '" + name + "' is invalid: use 1 to 63 lower-case letters, digits,"
                    + " '_' or '-', starting with a letter or digit (e.g. 'email-format')");
            return null;
        }
        int line = fields.value("name").getStartMark().getLine() + 1;
        String firstUse = namesSeen.putIfAbsent(name, path + " at line " + line);
        if (firstUse != null) {
            fields.problem("name", "check name '" + name + "' is already used by " + firstUse
                    + "; give each check its own name");
            return null;
        }
        return name;
    }

    private static Dimension readDimension(YamlFields fields, CheckParser parser) {
        String dimension = fields.optionalText("dimension");
        if (dimension == null) {
            return parser == null ? null : parser.defaultDimension();
        }
        return Dimension.fromYamlName(dimension).orElseGet(() -> {
            fields.problem("dimension", "unknown dimension '" + dimension + "'; use one of "
                    + String.join(", ", Arrays.stream(Dimension.values()).map(Dimension::yamlName).toList()));
            return null;
        });
    }

    /** How messages name a check: by its name when it has a plain one, else by its position. */
    private static String ownerOf(MappingNode check, String path) {
        for (NodeTuple entry : check.getValue()) {
            if (entry.getKeyNode() instanceof ScalarNode key && key.getValue().equals("name")
                    && entry.getValueNode() instanceof ScalarNode name && NAME.matcher(name.getValue()).matches()) {
                return "check '" + name.getValue() + "'";
            }
        }
        return "check " + path;
    }
}
