package dev.outpost.control.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.quarkus.panache.common.Sort;

/**
 * Jobs as the API shows them. A page of jobs costs one query per table a view draws on (references, check results,
 * profile counts, dimension scores), however many jobs the page holds.
 */
final class JobViews {

    private JobViews() {
    }

    static JobView of(Job job) {
        return of(List.of(job)).getFirst();
    }

    /** The views of {@code jobs}, in their order. */
    static List<JobView> of(List<Job> jobs) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        List<UUID> all = jobs.stream().map(job -> job.id).toList();
        List<UUID> succeeded = jobs.stream().filter(job -> "SUCCEEDED".equals(job.state)).map(job -> job.id).toList();
        Map<UUID, List<JobReference>> references = byJob(JobReference.list("jobId in ?1", all), r -> r.jobId);
        Map<UUID, List<JobCheckResult>> checks = succeeded.isEmpty() ? Map.of()
                : byJob(JobCheckResult.list("jobId in ?1", Sort.by("position"), succeeded), c -> c.jobId);
        Map<UUID, List<JobColumnProfile>> profiles = succeeded.isEmpty() ? Map.of()
                : byJob(JobColumnProfile.list("jobId in ?1", Sort.by("position"), succeeded), p -> p.jobId);
        Map<UUID, List<JobDimensionScore>> dimensions = succeeded.isEmpty() ? Map.of()
                : byJob(JobDimensionScore.list("jobId in ?1", Sort.by("dimension"), succeeded), d -> d.jobId);
        return jobs.stream().map(job -> view(job, references.getOrDefault(job.id, List.of()),
                checks.getOrDefault(job.id, List.of()), profiles.getOrDefault(job.id, List.of()),
                dimensions.getOrDefault(job.id, List.of()))).toList();
    }

    /** Groups rows by their job, keeping the order the query gave them. */
    private static <T> Map<UUID, List<T>> byJob(List<T> rows, Function<T, UUID> job) {
        return rows.stream().collect(Collectors.groupingBy(job, LinkedHashMap::new, Collectors.toList()));
    }

    private static JobView view(Job job, List<JobReference> references, List<JobCheckResult> checks,
            List<JobColumnProfile> profile, List<JobDimensionScore> dimensions) {
        JobView.Failure failure = "FAILED".equals(job.state)
                ? new JobView.Failure(job.failureCode, job.failureReason)
                : null;
        JobView.Result result = "SUCCEEDED".equals(job.state) ? result(job, checks, profile, dimensions) : null;
        Map<String, String> referenced = new TreeMap<>();
        references.forEach(r -> referenced.put(r.name, r.dataSourceId.toString()));
        return new JobView(job.id.toString(), job.kind, job.dataSourceId.toString(),
                job.ruleSetId == null ? null : job.ruleSetId.toString(), job.ruleSetVersion, job.ruleSetYaml,
                referenced.isEmpty() ? null : referenced, job.edgeId.toString(), job.state.toLowerCase(Locale.ROOT),
                job.progress, job.progressMessage, failure, result, job.submittedAt, job.startedAt, job.finishedAt);
    }

    private static JobView.Result result(Job job, List<JobCheckResult> checkResults, List<JobColumnProfile> columns,
            List<JobDimensionScore> dimensionScores) {
        List<JobView.CheckView> checks = checkResults.stream()
                .map(c -> new JobView.CheckView(c.name, c.type, c.dimension, c.rowsChecked, c.rowsFailed, c.passed,
                        c.score, c.samplesStored, c.severity, c.warned, c.detail,
                        c.groups == 0 && c.groupsFailed == 0 ? null
                                : new JobView.CheckGroups(c.groups, c.groupsFailed)))
                .toList();
        List<JobView.ColumnCountsView> profile = columns.stream()
                .map(p -> new JobView.ColumnCountsView(p.name, p.type, p.nulls, p.distinct))
                .toList();
        Map<String, Double> dimensions = new LinkedHashMap<>();
        dimensionScores.forEach(d -> dimensions.put(d.dimension, d.score));
        long duration = job.durationMillis == null ? 0 : job.durationMillis;
        if (!JobKinds.CHECK.equals(job.kind)) {
            return new JobView.Result(job.rowsScanned, null, null, null, duration, null, null,
                    profile.isEmpty() ? null : profile);
        }
        return new JobView.Result(job.rowsScanned, job.score, dimensions, checks, duration,
                job.checksFailed == null ? 0 : job.checksFailed, job.checksWarned == null ? 0 : job.checksWarned,
                null);
    }
}
