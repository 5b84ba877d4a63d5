package dev.outpost.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Recounts the planted defects from the shipped CSV with the checks' documented semantics (nulls pass every check but
 * not_null; unique fails every row of a repeated value; regex matches the whole value; bounds are inclusive), reading
 * each check's parameters from the shipped rule set, so the declared counts, the data and the rules cannot drift apart.
 */
class DemoDatasetTest {

    private static final List<String> HEADER = DemoDataset.COLUMNS;

    @Test
    void theSampleHasTheDeclaredShape() {
        List<String> lines = lines();
        assertThat(lines.getFirst().split(",", -1)).containsExactlyElementsOf(HEADER);
        assertThat(rows()).hasSize((int) DemoDataset.ROWS)
                .allSatisfy(row -> assertThat(row).hasSize(HEADER.size()));
        assertThat(String.join("\n", lines)).as("no quoting, so a plain split reads it").doesNotContain("\"");
    }

    @Test
    void theRuleSetHasTheDeclaredChecksInOrder() {
        Map<String, Map<String, String>> checks = ruleChecks();
        assertThat(checks.keySet()).containsExactlyElementsOf(
                DemoDataset.CHECKS.stream().map(DemoDataset.ExpectedCheck::name).toList());
        DemoDataset.CHECKS.forEach(expected -> assertThat(checks.get(expected.name()).get("type"))
                .as(expected.name()).isEqualTo(expected.type()));
    }

    @Test
    void everyDeclaredCountMatchesARecountOfTheData() {
        Map<String, Map<String, String>> checks = ruleChecks();
        for (DemoDataset.ExpectedCheck expected : DemoDataset.CHECKS) {
            assertThat(failingRows(checks.get(expected.name())).size()).as(expected.name())
                    .isEqualTo(expected.rowsFailed());
        }
    }

    @Test
    void theShowcaseCheckFailsExactlyTheDeclaredRowsAndTheCanarysRowIsOneOfThem() {
        List<List<String>> failing = failingRows(ruleChecks().get(DemoDataset.SHOWCASE_CHECK));
        assertThat(failing).extracting(row -> row.get(0)).containsExactlyElementsOf(DemoDataset.SHOWCASE_FAILING_IDS);
        assertThat(failing).filteredOn(row -> row.contains(DemoDataset.CANARY)).singleElement()
                .satisfies(row -> assertThat(row.get(0)).isEqualTo(DemoDataset.CANARY_ID));
    }

    @Test
    void theCanaryAppearsOnceAndTheDuplicatedIdsAreTheDeclaredOnes() {
        assertThat(rows()).filteredOn(row -> String.join(",", row).contains(DemoDataset.CANARY)).hasSize(1);
        Map<String, Integer> seen = new HashMap<>();
        rows().forEach(row -> seen.merge(row.get(0), 1, Integer::sum));
        assertThat(seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey))
                .containsExactlyInAnyOrderElementsOf(DemoDataset.DUPLICATED_IDS);
        assertThat(seen.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(2));
    }

    @Test
    void scoresFollowTheEnginesRules() {
        assertThat(DemoDataset.check("email-format").score()).isEqualTo(992 / 1000.0);
        assertThat(DemoDataset.check("enough-rows").score()).isEqualTo(1.0);
        assertThat(DemoDataset.dimensionScores()).containsOnlyKeys("completeness", "uniqueness", "validity");
        assertThat(DemoDataset.dimensionScores().get("uniqueness")).isEqualTo(0.99);
        assertThat(DemoDataset.overallScore()).isBetween(0.99, 1.0);
    }

    /** The rows failing one check, per the rule-set package's semantics. */
    private static List<List<String>> failingRows(Map<String, String> check) {
        List<List<String>> rows = rows();
        String type = check.get("type");
        if (type.equals("row_count")) {
            long min = Long.parseLong(check.getOrDefault("min", "0"));
            long max = Long.parseLong(check.getOrDefault("max", Long.toString(Long.MAX_VALUE)));
            return rows.size() >= min && rows.size() <= max ? List.of() : rows;
        }
        if (type.equals("unique")) {
            int column = HEADER.indexOf(list(check.get("columns")).getFirst());
            Map<String, Integer> counts = new HashMap<>();
            rows.forEach(row -> counts.merge(row.get(column), 1, Integer::sum));
            return rows.stream().filter(row -> !row.get(column).isEmpty() && counts.get(row.get(column)) > 1)
                    .toList();
        }
        int column = HEADER.indexOf(check.get("column"));
        assertThat(column).as("column of " + check).isNotNegative();
        Predicate<String> fails = switch (type) {
            case "not_null" -> String::isEmpty;
            case "regex" -> {
                Pattern pattern = Pattern.compile(check.get("pattern"));
                yield value -> !value.isEmpty() && !pattern.matcher(value).matches();
            }
            case "between" -> {
                BigDecimal min = new BigDecimal(check.get("min"));
                BigDecimal max = new BigDecimal(check.get("max"));
                yield value -> !value.isEmpty() && !inRange(value, min, max);
            }
            case "allowed_values" -> {
                List<String> allowed = list(check.get("values"));
                yield value -> !value.isEmpty() && !allowed.contains(value);
            }
            default -> throw new AssertionError("no recount for check type " + type);
        };
        return rows.stream().filter(row -> fails.test(row.get(column))).toList();
    }

    private static boolean inRange(String value, BigDecimal min, BigDecimal max) {
        try {
            BigDecimal number = new BigDecimal(value);
            return number.compareTo(min) >= 0 && number.compareTo(max) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String> list(String flow) {
        String inner = flow.strip().replaceAll("^\\[|\\]$", "");
        return List.of(inner.split("\\s*,\\s*"));
    }

    /** The shipped rule set as name → key → raw value; it is written in a plain, one-key-per-line style. */
    private static Map<String, Map<String, String>> ruleChecks() {
        Map<String, Map<String, String>> checks = new LinkedHashMap<>();
        Map<String, String> current = null;
        Pattern entry = Pattern.compile("^\\s*(-\\s+)?([a-z_]+):\\s*(.*)$");
        for (String line : DemoDataset.rulesYaml().lines().toList()) {
            Matcher matcher = entry.matcher(line);
            if (line.isBlank() || line.stripLeading().startsWith("#") || !matcher.matches()
                    || matcher.group(2).equals("checks")) {
                continue;
            }
            String value = matcher.group(3).strip();
            if (value.startsWith("'") && value.endsWith("'")) {
                value = value.substring(1, value.length() - 1).replace("''", "'");
            }
            if (matcher.group(1) != null) {
                current = new HashMap<>();
                checks.put(value, current);
            }
            current.put(matcher.group(2), value);
        }
        return checks;
    }

    private static List<String> lines() {
        return new String(DemoDataset.data(), StandardCharsets.UTF_8).lines().toList();
    }

    private static List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        lines().stream().skip(1).forEach(line -> rows.add(List.of(line.split(",", -1))));
        return rows;
    }
}
