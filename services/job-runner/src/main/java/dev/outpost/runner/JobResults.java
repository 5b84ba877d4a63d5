package dev.outpost.runner;

import dev.outpost.dq.rules.Severity;
import dev.outpost.dq.scan.CheckOutcome;
import dev.outpost.dq.scan.ScanResult;
import dev.outpost.proto.job.v1.CheckResult;
import dev.outpost.proto.job.v1.CheckSeverity;
import dev.outpost.proto.job.v1.Dimension;
import dev.outpost.proto.job.v1.DimensionScore;
import dev.outpost.proto.job.v1.JobResult;

/** The wire form of an evaluation's aggregates: counts and scores, nothing from the rows. */
final class JobResults {

    private JobResults() {
    }

    /** The result of a check job, without its duration. */
    static JobResult.Builder of(ScanResult scan) {
        JobResult.Builder result = JobResult.newBuilder()
                .setRowsScanned(scan.rowsScanned())
                .setScore(scan.score())
                .setChecksFailed((int) scan.checks().stream().filter(CheckOutcome::failed).count())
                .setChecksWarned((int) scan.checks().stream().filter(CheckOutcome::warned).count());
        scan.checks().forEach(outcome -> result.addChecks(checkResult(outcome)));
        scan.dimensionScores().forEach((dimension, score) -> result.addDimensions(DimensionScore.newBuilder()
                .setDimension(wire(dimension)).setScore(score)));
        return result;
    }

    private static CheckResult checkResult(CheckOutcome outcome) {
        CheckResult.Builder result = CheckResult.newBuilder()
                .setName(outcome.check().name())
                .setType(outcome.check().type())
                .setDimension(wire(outcome.check().dimension()))
                .setRowsChecked(outcome.rowsChecked())
                .setRowsFailed(outcome.rowsFailed())
                .setPassed(outcome.passed())
                .setScore(outcome.score())
                .setSamplesStored(outcome.samplesStored())
                .setSeverity(wire(outcome.severity()))
                .setWarned(outcome.warned())
                .setDetail(outcome.detail());
        outcome.groups().ifPresent(groups -> result.setGroups(groups.groups()).setGroupsFailed(groups.groupsFailed()));
        return result.build();
    }

    private static CheckSeverity wire(Severity severity) {
        return switch (severity) {
            case WARN -> CheckSeverity.CHECK_SEVERITY_WARN;
            case FAIL -> CheckSeverity.CHECK_SEVERITY_FAIL;
        };
    }

    private static Dimension wire(dev.outpost.dq.rules.Dimension dimension) {
        return switch (dimension) {
            case COMPLETENESS -> Dimension.DIMENSION_COMPLETENESS;
            case VALIDITY -> Dimension.DIMENSION_VALIDITY;
            case UNIQUENESS -> Dimension.DIMENSION_UNIQUENESS;
            case TIMELINESS -> Dimension.DIMENSION_TIMELINESS;
            case CONSISTENCY -> Dimension.DIMENSION_CONSISTENCY;
            case ACCURACY -> Dimension.DIMENSION_ACCURACY;
        };
    }
}
