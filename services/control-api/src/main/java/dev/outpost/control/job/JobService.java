package dev.outpost.control.job;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.outpost.control.ControlConfig;
import dev.outpost.control.Ids;
import dev.outpost.control.auth.Caller;
import dev.outpost.control.auth.Role;
import dev.outpost.control.datasource.DataSource;
import dev.outpost.control.datasource.DataSourceService;
import dev.outpost.control.error.InUseException;
import dev.outpost.control.error.InvalidInputException;
import dev.outpost.control.error.NotFoundException;
import dev.outpost.control.link.Outbox;
import dev.outpost.control.ruleset.RuleSetEntity;
import dev.outpost.control.ruleset.RuleSetService;
import dev.outpost.proto.edgelink.v1.Command;
import dev.outpost.proto.edgelink.v1.RunJob;
import dev.outpost.proto.job.v1.JobSpec;
import io.quarkus.panache.common.Sort;

/**
 * Submits jobs to their edge's outbox and shows them with their aggregates. Every call is scoped to the caller's
 * organisation; another organisation's job is "not found".
 */
@ApplicationScoped
public class JobService {

    static final int MAX_SAMPLE_LIMIT = 1000;
    private static final int MAX_LIST = 500;

    private final Outbox outbox;
    private final ControlConfig config;

    JobService(Outbox outbox, ControlConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /** Stores a QUEUED job and its RunJob command in one transaction. */
    @Transactional
    public JobView submit(Caller caller, String dataSourceId, String ruleSetId, Integer sampleLimit) {
        UUID organisation = caller.require(Role.EDITOR, "run jobs");
        DataSource source = DataSourceService.require(organisation, dataSourceId, LockModeType.PESSIMISTIC_READ);
        RuleSetEntity rules = RuleSetService.require(organisation, ruleSetId, LockModeType.PESSIMISTIC_READ);
        int samples = sampleLimit == null ? config.defaultSampleLimit() : sampleLimit;
        if (samples < 0 || samples > MAX_SAMPLE_LIMIT) {
            throw new InvalidInputException("sampleLimit " + samples + " is out of range: use 0 to " + MAX_SAMPLE_LIMIT);
        }
        Job job = new Job();
        job.id = UUID.randomUUID();
        job.organisationId = organisation;
        job.dataSourceId = source.id;
        job.ruleSetId = rules.id;
        job.ruleSetVersion = rules.version;
        job.ruleSetYaml = rules.yaml;
        job.edgeId = source.edgeId;
        job.state = "QUEUED";
        job.sampleLimit = samples;
        job.progressMessage = "waiting for the edge";
        job.submittedAt = Instant.now();
        job.persist();
        JobSpec spec = JobSpec.newBuilder()
                .setJobId(job.id.toString())
                .setLocation(DataSourceService.location(source))
                .setRuleSetYaml(rules.yaml)
                .setSampleLimit(samples)
                .build();
        outbox.append(source.edgeId, Command.newBuilder().setRunJob(RunJob.newBuilder().setSpec(spec)), null);
        return view(job);
    }

    @Transactional
    public JobView get(Caller caller, String id) {
        return view(require(caller.organisation("read jobs"), id));
    }

    /** The newest {@code limit} jobs (1 … 500; 0 means 100). */
    @Transactional
    public List<JobView> list(Caller caller, int limit) {
        UUID organisation = caller.organisation("list jobs");
        if (limit < 0 || limit > MAX_LIST) {
            throw new InvalidInputException("limit " + limit + " is out of range: use 1 to " + MAX_LIST);
        }
        return Job.<Job>find("organisationId", Sort.descending("submittedAt"), organisation)
                .page(0, limit == 0 ? 100 : limit).list().stream().map(JobService::view).toList();
    }

    /** The job with this id in {@code organisationId}, or NOT_FOUND (also when another organisation owns it). */
    public static Job require(UUID organisationId, String id) {
        Job job = Job.findById(Ids.parse("Job", id));
        if (job == null || !job.organisationId.equals(organisationId)) {
            throw new NotFoundException("Job", id);
        }
        return job;
    }

    /**
     * Refuses to delete {@code what} while a job that uses it is still queued or running: the job's runner and its
     * events still need it.
     *
     * @param property the job property that refers to it, {@code dataSourceId} or {@code ruleSetId}
     * @param id       its id
     * @param what     how to name it in the error, e.g. {@code Data source 'sales'}
     */
    public static void requireNoneUnfinished(String property, UUID id, String what) {
        List<Job> unfinished = Job.<Job>find(property + " = ?1 and state in ('QUEUED', 'RUNNING')",
                Sort.by("submittedAt"), id).page(0, 3).list();
        if (!unfinished.isEmpty()) {
            throw new InUseException(what + " cannot be deleted while a job that uses it is queued or running (job "
                    + String.join(", ", unfinished.stream().map(j -> j.id.toString()).toList())
                    + "): wait until it has finished, then delete again");
        }
    }

    static JobView view(Job job) {
        JobView.Failure failure = "FAILED".equals(job.state)
                ? new JobView.Failure(job.failureCode, job.failureReason)
                : null;
        JobView.Result result = "SUCCEEDED".equals(job.state) ? result(job) : null;
        return new JobView(job.id.toString(), job.dataSourceId.toString(), job.ruleSetId.toString(),
                job.ruleSetVersion, job.ruleSetYaml, job.edgeId.toString(), job.state.toLowerCase(Locale.ROOT), job.progress, job.progressMessage, failure,
                result, job.submittedAt, job.startedAt, job.finishedAt);
    }

    private static JobView.Result result(Job job) {
        List<JobView.CheckView> checks = JobCheckResult.<JobCheckResult>find("jobId", Sort.by("position"), job.id)
                .list().stream()
                .map(c -> new JobView.CheckView(c.name, c.type, c.dimension, c.rowsChecked, c.rowsFailed, c.passed,
                        c.score, c.samplesStored, c.severity, c.warned, c.detail))
                .toList();
        Map<String, Double> dimensions = new LinkedHashMap<>();
        JobDimensionScore.<JobDimensionScore>find("jobId", Sort.by("dimension"), job.id).list()
                .forEach(d -> dimensions.put(d.dimension, d.score));
        return new JobView.Result(job.rowsScanned, job.score, dimensions, checks,
                job.durationMillis == null ? 0 : job.durationMillis, job.checksFailed == null ? 0 : job.checksFailed,
                job.checksWarned == null ? 0 : job.checksWarned);
    }
}
