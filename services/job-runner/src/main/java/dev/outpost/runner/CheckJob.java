package dev.outpost.runner;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.outpost.dq.DataQualityException;
import dev.outpost.dq.rules.RuleSet;
import dev.outpost.dq.rules.RuleSetInvalidException;
import dev.outpost.dq.rules.RuleSetParser;
import dev.outpost.dq.scan.CheckEvaluator;
import dev.outpost.dq.scan.CheckOutcome;
import dev.outpost.dq.scan.FileSchemaDifference;
import dev.outpost.dq.scan.GroupResults;
import dev.outpost.dq.scan.ScanPhase;
import dev.outpost.dq.scan.ScanResult;
import dev.outpost.edge.ResultsStore;
import dev.outpost.proto.job.v1.JobSpec;
import dev.outpost.proto.results.v1.FailingGroup;
import dev.outpost.proto.results.v1.FailingGroups;

/**
 * JOB_KIND_CHECK: evaluates the rule set's checks in one scan (DuckDB on files, pushed down on a table), stores
 * failing-row samples and the failing groups of {@code group_by} checks encrypted, and returns the aggregates.
 */
@ApplicationScoped
class CheckJob {

    private final ResultsStore results;
    private final JobEvents events;

    CheckJob(ResultsStore results, JobEvents events) {
        this.results = results;
        this.events = events;
    }

    /**
     * Parses the rule set, before any data is read.
     *
     * @throws JobFailedException INVALID_RULES when it does not parse
     */
    KindWork prepare(JobSpec spec) {
        RuleSet ruleSet;
        try {
            ruleSet = RuleSetParser.parse(spec.getRuleSetYaml());
        } catch (RuleSetInvalidException e) {
            throw new JobFailedException(JobFailedException.INVALID_RULES, e.getMessage());
        }
        return source -> JobResults.of(check(spec, ruleSet, source));
    }

    private ScanResult check(JobSpec spec, RuleSet ruleSet, OpenedSource source) {
        String jobId = spec.getJobId();
        int checks = ruleSet.checks().size();
        events.progress(jobId, "scan", JobExecution.READ_END, "scanning " + source.describe() + " for " + checks
                + " checks in one pass");
        CheckEvaluator evaluator = new CheckEvaluator((phase, fraction) -> {
            if (phase == ScanPhase.SCANNING && fraction == 1.0) {
                events.progress(jobId, "scan", JobExecution.WORK_END, "evaluated " + checks + " checks");
            }
        });
        EncryptedSamples samples = new EncryptedSamples(results, jobId);
        ScanResult scan;
        try {
            scan = switch (source) {
                case OpenedSource.Files files -> evaluator.evaluate(files.duckDb(), files.dataSet(),
                        files.references(), ruleSet, spec.getSampleLimit(), samples);
                case OpenedSource.Table table -> evaluator.evaluate(table.database(), table.table(),
                        table.references(), ruleSet, spec.getSampleLimit(), samples);
            };
        } catch (DataQualityException e) {
            throw source.failure(e);
        }
        if (!scan.fileDifferences().isEmpty() && source instanceof OpenedSource.Files files) {
            // Names and types only: tells the submitter why a column is null in some objects' rows.
            events.progress(jobId, "scan", JobExecution.WORK_END, files.named("the objects differ: "
                    + scan.fileDifferences().stream().map(FileSchemaDifference::describe)
                            .collect(Collectors.joining("; "))));
        }
        int groupedChecks = storeFailingGroups(jobId, scan.checks(), spec.getSampleLimit());
        events.progress(jobId, "samples", 1.0, "stored failing-row samples of " + samples.checks() + " checks ("
                + samples.rows() + " rows)" + (groupedChecks == 0 ? ""
                        : " and the failing groups of " + groupedChecks + " checks"));
        return scan;
    }

    /**
     * Seals the failing groups of each {@code group_by} check that has some, at most {@code limit} per check.
     *
     * @return how many checks had failing groups stored
     */
    private int storeFailingGroups(String jobId, List<CheckOutcome> outcomes, int limit) {
        int stored = 0;
        for (CheckOutcome outcome : outcomes) {
            Optional<GroupResults> groups = outcome.groups();
            if (limit == 0 || groups.isEmpty() || groups.get().groupsFailed() == 0) {
                continue;
            }
            FailingGroups.Builder failing = FailingGroups.newBuilder()
                    .setJobId(jobId)
                    .setCheckName(outcome.check().name())
                    .addAllGroupColumns(groups.get().columns())
                    .setGroups(groups.get().groups());
            groups.get().failing().stream().limit(limit).forEach(group -> {
                FailingGroup.Builder wire = failing.addFailingBuilder()
                        .setKey(EncryptedSamples.row(group.key()))
                        .setRowsChecked(group.rowsChecked())
                        .setRowsFailed(group.rowsFailed());
                group.observed().ifPresent(wire::setObserved);
            });
            results.write(failing.build());
            stored++;
        }
        return stored;
    }
}
