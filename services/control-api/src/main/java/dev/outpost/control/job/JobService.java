package dev.outpost.control.job;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
import dev.outpost.proto.job.v1.JobKind;
import dev.outpost.proto.job.v1.JobSource;
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

    /**
     * Stores a QUEUED job of {@code kind} ({@code check}, the default, or {@code profile}) and its RunJob command in
     * one transaction. A check job applies its rule set, whose {@code reference} checks' sources are resolved to data
     * sources of the same organisation on the same edge; a profile job takes no rule set.
     */
    @Transactional
    public JobView submit(Caller caller, String kind, String dataSourceId, String ruleSetId, Integer sampleLimit) {
        return submit(caller, JobKinds.parseSubmittable(kind), dataSourceId, ruleSetId, sampleLimit);
    }

    /** {@link #submit(Caller, String, String, String, Integer)} with the kind as the API's enum. */
    @Transactional
    public JobView submit(Caller caller, JobKind kind, String dataSourceId, String ruleSetId, Integer sampleLimit) {
        UUID organisation = caller.require(Role.EDITOR, "run jobs");
        JobKind submitted = JobKinds.submittable(kind);
        boolean profile = submitted == JobKind.JOB_KIND_PROFILE;
        if (profile && ruleSetId != null && !ruleSetId.isEmpty()) {
            throw new InvalidInputException("ruleSetId is given, but a profile job takes no rule set: remove"
                    + " ruleSetId to profile the data, or submit kind 'check' to apply the rule set");
        }
        if (profile && sampleLimit != null) {
            throw new InvalidInputException("sampleLimit is given, but a profile job keeps no failing rows: remove"
                    + " sampleLimit, or submit kind 'check'");
        }
        if (!profile && (ruleSetId == null || ruleSetId.isEmpty())) {
            throw new InvalidInputException("ruleSetId is missing: a check job applies a rule set; give its id, or"
                    + " submit kind 'profile' to profile the data without one");
        }
        DataSource source = DataSourceService.require(organisation, dataSourceId, LockModeType.PESSIMISTIC_READ);
        Job job = new Job();
        job.id = UUID.randomUUID();
        job.organisationId = organisation;
        job.kind = JobKinds.name(submitted);
        job.dataSourceId = source.id;
        job.edgeId = source.edgeId;
        JobSpec.Builder spec = spec(job.id, submitted, source.jobSource());
        Map<String, DataSource> references = Map.of();
        if (!profile) {
            RuleSetEntity rules = RuleSetService.require(organisation, ruleSetId, LockModeType.PESSIMISTIC_READ);
            int samples = sampleLimit == null ? config.defaultSampleLimit() : sampleLimit;
            if (samples < 0 || samples > MAX_SAMPLE_LIMIT) {
                throw new InvalidInputException("sampleLimit " + samples + " is out of range: use 0 to "
                        + MAX_SAMPLE_LIMIT);
            }
            references = JobReferences.resolve(source, rules);
            job.ruleSetId = rules.id;
            job.ruleSetVersion = rules.version;
            job.ruleSetYaml = rules.yaml;
            job.sampleLimit = samples;
            spec.setRuleSetYaml(rules.yaml).setSampleLimit(samples);
            references.forEach((name, reference) -> spec.putReferences(name, reference.jobSource()));
        }
        queue(job, spec.build());
        JobReferences.record(job.id, references);
        return JobViews.of(job);
    }

    /**
     * The start of the spec of a job of {@code kind} reading {@code source} (from {@link DataSource#jobSource()}):
     * every job kind builds its spec here, then adds what its kind needs (a check job its rule set, samples and
     * references).
     */
    public static JobSpec.Builder spec(UUID jobId, JobKind kind, JobSource source) {
        JobSpec.Builder spec = JobSpec.newBuilder().setJobId(jobId.toString()).setKind(kind);
        return switch (source.getKindCase()) {
            case FILES -> spec.setLocation(source.getFiles());
            case TABLE -> spec.setTable(source.getTable());
            case KIND_NOT_SET -> throw new IllegalArgumentException("A job source names neither files nor a table");
        };
    }

    /**
     * Stores {@code job} as QUEUED and puts its RunJob command with {@code spec} in its edge's outbox, in the caller's
     * transaction. The caller has set the job's id, organisation, kind, edge and what the kind needs.
     */
    public void queue(Job job, JobSpec spec) {
        job.state = "QUEUED";
        job.progressMessage = "waiting for the edge";
        // At the database's precision, so the submission's answer shows the time a later read shows.
        job.submittedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        job.persist();
        outbox.append(job.edgeId, Command.newBuilder().setRunJob(RunJob.newBuilder().setSpec(spec)), null);
    }

    @Transactional
    public JobView get(Caller caller, String id) {
        return JobViews.of(require(caller.organisation("read jobs"), id));
    }

    /** The newest {@code limit} jobs (1 … 500; 0 means 100). */
    @Transactional
    public List<JobView> list(Caller caller, int limit) {
        UUID organisation = caller.organisation("list jobs");
        if (limit < 0 || limit > MAX_LIST) {
            throw new InvalidInputException("limit " + limit + " is out of range: use 1 to " + MAX_LIST);
        }
        return JobViews.of(Job.<Job>find("organisationId", Sort.descending("submittedAt"), organisation)
                .page(0, limit == 0 ? 100 : limit).list());
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

    /**
     * Refuses to delete a data source while a queued or running job reads it as a reference.
     *
     * @param dataSourceId the data source
     * @param what         how to name it in the error, e.g. {@code Data source 'countries'}
     */
    public static void requireNoUnfinishedReference(UUID dataSourceId, String what) {
        List<Job> unfinished = Job.<Job>find("state in ('QUEUED', 'RUNNING') and id in (select r.jobId from"
                + " JobReference r where r.dataSourceId = ?1)", Sort.by("submittedAt"), dataSourceId).page(0, 3).list();
        if (!unfinished.isEmpty()) {
            throw new InUseException(what + " cannot be deleted while a job that reads it as a reference is queued or"
                    + " running (job " + String.join(", ", unfinished.stream().map(j -> j.id.toString()).toList())
                    + "): wait until it has finished, then delete again");
        }
    }
}
