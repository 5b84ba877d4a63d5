package dev.outpost.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import dev.outpost.dq.rules.Dimension;
import dev.outpost.dq.rules.Metric;
import dev.outpost.dq.rules.MetricCheck;
import dev.outpost.dq.rules.NotNullCheck;
import dev.outpost.dq.rules.Severity;
import dev.outpost.dq.scan.CheckOutcome;
import dev.outpost.dq.scan.ScanResult;
import dev.outpost.proto.job.v1.CheckResult;
import dev.outpost.proto.job.v1.CheckSeverity;
import dev.outpost.proto.job.v1.JobResult;

class JobResultsTest {

    @Test
    void carriesSeverityWarningsAndValueFreeDetailsButNeverTheMeasuredValue() {
        MetricCheck avg = new MetricCheck("avg-age", Dimension.ACCURACY, "age", Metric.AVG, Optional.empty(),
                Optional.of(BigDecimal.ZERO), Optional.of(BigDecimal.TEN));
        NotNullCheck present = new NotNullCheck("id-present", Dimension.COMPLETENESS, "id");
        NotNullCheck tolerated = new NotNullCheck("email-present", Dimension.COMPLETENESS, "email");
        List<CheckOutcome> outcomes = List.of(
                new CheckOutcome(avg, 4, 4, false, 0.0, 0, Severity.WARN, true, OptionalDouble.of(31.5),
                        "the avg of column 'age' is outside [0, 10]"),
                new CheckOutcome(present, 4, 1, false, 0.75, 1, Severity.FAIL, false, OptionalDouble.empty(), ""),
                new CheckOutcome(tolerated, 4, 1, true, 0.75, 1, Severity.FAIL, false, OptionalDouble.empty(), ""));
        ScanResult scan = new ScanResult(4, outcomes, Map.of(Dimension.ACCURACY, 0.0, Dimension.COMPLETENESS, 0.75),
                0.5);

        JobResult result = JobResults.of(scan).build();

        assertThat(result.getChecksList()).extracting(CheckResult::getName, CheckResult::getPassed,
                CheckResult::getSeverity, CheckResult::getWarned, CheckResult::getDetail).containsExactly(
                        tuple("avg-age", false, CheckSeverity.CHECK_SEVERITY_WARN, true,
                                "the avg of column 'age' is outside [0, 10]"),
                        tuple("id-present", false, CheckSeverity.CHECK_SEVERITY_FAIL, false, ""),
                        tuple("email-present", true, CheckSeverity.CHECK_SEVERITY_FAIL, false, ""));
        assertThat(result.getChecksFailed()).isEqualTo(1);
        assertThat(result.getChecksWarned()).isEqualTo(1);
        assertThat(result.toString()).doesNotContain("31.5");
    }
}
