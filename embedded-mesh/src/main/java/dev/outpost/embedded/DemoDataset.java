package dev.outpost.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;

/**
 * The sample data set and rule set shipped for {@code ./outpost demo}, with the defects planted in the data in known,
 * exact numbers. This class is the one place those numbers are declared: the demo, its unit test (which recounts
 * them from the CSV) and the cross-process integration test all read them from here.
 *
 * <p>The data ({@value #DATA_RESOURCE}) is a table of {@value #ROWS} fictional customers with the columns {@code id,
 * name, email, age, country, signup_date}. Each defect sits on its own row, so every count below is exact:
 * <ul>
 *   <li>5 ids appear twice (the {@code unique} check fails both rows of each pair: 10 rows);</li>
 *   <li>12 emails are empty (null);</li>
 *   <li>8 emails are malformed, one of them on the row of the {@linkplain #CANARY canary};</li>
 *   <li>6 ages lie outside 0…120;</li>
 *   <li>7 countries are not in the allowed list.</li>
 * </ul>
 *
 * <p>The canary is a value that must never reach the control plane's database or logs: it is the name of a customer
 * whose email is malformed, so it travels in that check's failing-row samples, which stay encrypted in the customer's
 * results bucket and are shown to a person only as a transient view.
 */
public final class DemoDataset {

    /** Classpath resource holding the sample CSV. */
    public static final String DATA_RESOURCE = "/dev/outpost/embedded/demo/customers.csv";

    /** Classpath resource holding the demo rule set. */
    public static final String RULES_RESOURCE = "/dev/outpost/embedded/demo/rules.yaml";

    /** The object name the sample is uploaded as. */
    public static final String FILE_NAME = "customers.csv";

    /** Rows in the sample, without the header. */
    public static final long ROWS = 1000;

    /** The sample's columns, in file order. */
    public static final List<String> COLUMNS = List.of("id", "name", "email", "age", "country", "signup_date");

    /** A customer name planted in the data; finding it anywhere on the control side is a leak. */
    public static final String CANARY = "CANARY-7f3c9e1d";

    /** The id of the customer named {@link #CANARY}. */
    public static final String CANARY_ID = "42";

    /** The check whose failing rows the demo shows; the canary's row is one of them. */
    public static final String SHOWCASE_CHECK = "email-format";

    /** Ids of the rows that fail {@link #SHOWCASE_CHECK}, in file order. */
    public static final List<String> SHOWCASE_FAILING_IDS = List.of("42", "97", "233", "318", "455", "602", "719",
            "883");

    /** The ids that appear twice. */
    public static final Set<String> DUPLICATED_IDS = Set.of("17", "256", "403", "777", "950");

    /** Every check of the demo rule set, in rule-set order. */
    public static final List<ExpectedCheck> CHECKS = List.of(
            new ExpectedCheck("enough-rows", "row_count", "completeness", 0),
            new ExpectedCheck("id-present", "not_null", "completeness", 0),
            new ExpectedCheck("id-unique", "unique", "uniqueness", 10),
            new ExpectedCheck("email-present", "not_null", "completeness", 12),
            new ExpectedCheck("email-format", "regex", "validity", 8),
            new ExpectedCheck("age-range", "between", "validity", 6),
            new ExpectedCheck("country-known", "allowed_values", "validity", 7));

    /**
     * What one check of the demo rule set must report on the sample.
     *
     * @param name       the check's name in the rule set
     * @param type       its type
     * @param dimension  its DQ dimension
     * @param rowsFailed the rows of the sample that fail it
     */
    public record ExpectedCheck(String name, String type, String dimension, long rowsFailed) {

        /** Whether the check passes on the sample. */
        public boolean passes() {
            return rowsFailed == 0;
        }

        /** The check's score: the share of rows that pass it (0 or 1 for {@code row_count}). */
        public double score() {
            if ("row_count".equals(type)) {
                return passes() ? 1.0 : 0.0;
            }
            return (double) (ROWS - rowsFailed) / ROWS;
        }
    }

    private DemoDataset() {
    }

    /** The expected check named {@code name}. */
    public static ExpectedCheck check(String name) {
        return CHECKS.stream().filter(check -> check.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the demo rule set has no check '" + name + "'"));
    }

    /** The expected score per dimension: the mean of its checks' scores, by dimension in rule-set order. */
    public static SequencedMap<String, Double> dimensionScores() {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (ExpectedCheck check : CHECKS) {
            double[] sum = sums.computeIfAbsent(check.dimension(), d -> new double[2]);
            sum[0] += check.score();
            sum[1]++;
        }
        SequencedMap<String, Double> scores = new LinkedHashMap<>();
        sums.forEach((dimension, sum) -> scores.put(dimension, sum[0] / sum[1]));
        return scores;
    }

    /** The expected overall score: the mean of all checks' scores. */
    public static double overallScore() {
        return CHECKS.stream().mapToDouble(ExpectedCheck::score).average().orElse(1.0);
    }

    /** The sample CSV's bytes. */
    public static byte[] data() {
        return resource(DATA_RESOURCE);
    }

    /** The demo rule set's YAML. */
    public static String rulesYaml() {
        return new String(resource(RULES_RESOURCE), StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) {
        try (InputStream in = DemoDataset.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the outpost-embedded-mesh jar;"
                        + " rebuild it with ./mvnw -DskipTests install");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
