package dev.outpost.runner;

import java.util.Comparator;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.outpost.dq.DataQualityException;
import dev.outpost.dq.scan.DataProfile;
import dev.outpost.dq.scan.DataProfiler;
import dev.outpost.edge.ResultsStore;
import dev.outpost.proto.job.v1.ColumnCounts;
import dev.outpost.proto.job.v1.ColumnInfo;
import dev.outpost.proto.job.v1.JobResult;
import dev.outpost.proto.job.v1.JobSpec;
import dev.outpost.proto.results.v1.ColumnValues;
import dev.outpost.proto.results.v1.ProfileValues;
import dev.outpost.proto.results.v1.Quantile;
import dev.outpost.proto.results.v1.ValueCount;

/**
 * JOB_KIND_PROFILE: profiles every column of the source. The value-bearing part (extremes, moments, quantiles, most
 * frequent values) is sealed into the results bucket; the result carries only names, types and counts.
 */
@ApplicationScoped
class ProfileJob {

    private final ResultsStore results;
    private final JobEvents events;
    private final DataProfiler profiler;

    ProfileJob(ResultsStore results, JobEvents events, RunnerConfig config) {
        this.results = results;
        this.events = events;
        this.profiler = new DataProfiler(config.profile().topValues());
    }

    /** Profiles the opened source. */
    KindWork prepare(JobSpec spec) {
        return source -> profile(spec.getJobId(), source);
    }

    private JobResult.Builder profile(String jobId, OpenedSource source) {
        events.progress(jobId, "profile", JobExecution.READ_END, "profiling " + source.describe());
        DataProfile profile;
        try {
            profile = switch (source) {
                case OpenedSource.Files files -> profiler.profile(files.duckDb(), files.dataSet());
                case OpenedSource.Table table -> profiler.profile(table.database(), table.table());
            };
        } catch (DataQualityException e) {
            throw source.failure(e);
        }
        events.progress(jobId, "profile", JobExecution.WORK_END, "profiled " + profile.columns().size()
                + " columns over " + profile.rows() + " rows");
        results.write(values(jobId, profile));
        events.progress(jobId, "samples", 1.0, "stored the profile's values");
        JobResult.Builder result = JobResult.newBuilder().setRowsScanned(profile.rows());
        profile.counts().columns().forEach(column -> result.addProfile(ColumnCounts.newBuilder()
                .setColumn(ColumnInfo.newBuilder().setName(column.name()).setType(column.type()))
                .setNulls(column.counts().nulls())
                .setDistinct(column.counts().distinct())));
        return result;
    }

    private static ProfileValues values(String jobId, DataProfile profile) {
        ProfileValues.Builder values = ProfileValues.newBuilder().setJobId(jobId).setRows(profile.rows());
        for (DataProfile.ColumnProfile column : profile.columns()) {
            DataProfile.ColumnValues summary = column.values();
            ColumnValues.Builder wire = values.addColumnsBuilder().setName(column.name()).setType(column.type());
            if (summary.min() != null) {
                wire.setMin(summary.min());
            }
            if (summary.max() != null) {
                wire.setMax(summary.max());
            }
            summary.mean().ifPresent(wire::setMean);
            summary.stddev().ifPresent(wire::setStddev);
            summary.quantiles().entrySet().stream()
                    .map(q -> Map.entry(Double.parseDouble(q.getKey()), q.getValue()))
                    .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                    .forEach(q -> wire.addQuantiles(Quantile.newBuilder().setFraction(q.getKey())
                            .setValue(q.getValue())));
            summary.topValues().forEach(top -> wire.addTopValues(ValueCount.newBuilder().setValue(top.value())
                    .setCount(top.count())));
        }
        return values.build();
    }
}
