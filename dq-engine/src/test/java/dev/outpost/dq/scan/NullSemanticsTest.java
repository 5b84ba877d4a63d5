package dev.outpost.dq.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.outpost.dq.rules.RuleSetParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A null is a missing value, never an invalid one: only not_null counts it, as docs/rule-sets.md states. */
class NullSemanticsTest {

    @TempDir
    Path directory;

    @Test
    void onlyNotNullCountsNullsAndMetricsLeaveThemOut() throws Exception {
        Path data = TestData.write(directory.resolve("data.csv"), """
                id,num,txt,mail
                1,,,
                2,5,ok,
                3,,,
                """);
        Path known = TestData.write(directory.resolve("known.csv"), "txt\nok\n\n");
        var rules = RuleSetParser.parse("""
                checks:
                  - {name: num-present, type: not_null, column: num}
                  - {name: num-range, type: between, column: num, min: 0, max: 1}
                  - {name: txt-set, type: allowed_values, column: txt, values: [x]}
                  - {name: txt-regex, type: regex, column: txt, pattern: 'x'}
                  - {name: txt-length, type: length, column: txt, min: 5}
                  - {name: mail-format, type: format, column: mail, format: email}
                  - {name: num-unique, type: unique, columns: [num]}
                  - {name: num-condition, type: expression, condition: 'num > 100'}
                  - {name: txt-known, type: reference, column: txt, reference: {source: known, column: txt}}
                  - {name: num-avg, type: metric, column: num, metric: avg, must_be_between: [5, 5]}
                  - {name: filtered, type: not_null, column: num, filter: 'txt = ''ok'''}
                """);

        ScanResult result;
        try (DuckDbWorkspace workspace = DuckDbWorkspace.open(directory)) {
            result = new CheckEvaluator().evaluate(workspace, DataSet.csv(List.of(data)),
                    Map.of("known", DataSet.csv(List.of(known))), rules, 0, SampleSink.DISCARD);
        }

        // Row 2 fails every value check but num-range, txt-known and num-avg, so the counts prove that the checks
        // saw the rows and let the two nulls of each column pass.
        assertThat(result.checks()).extracting(o -> o.check().name(), CheckOutcome::rowsChecked,
                CheckOutcome::rowsFailed).containsExactly(
                        tuple("num-present", 3L, 2L),
                        tuple("num-range", 3L, 1L),
                        tuple("txt-set", 3L, 1L),
                        tuple("txt-regex", 3L, 1L),
                        tuple("txt-length", 3L, 1L),
                        tuple("mail-format", 3L, 0L),
                        tuple("num-unique", 3L, 0L),
                        tuple("num-condition", 3L, 1L),
                        tuple("txt-known", 3L, 0L),
                        tuple("num-avg", 3L, 0L),
                        // The filter admits only row 2 (null = 'ok' is unknown, so rows 1 and 3 are skipped).
                        tuple("filtered", 1L, 0L));
    }
}
