package dev.outpost.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.outpost.proto.job.v1.JobResult;
import dev.outpost.proto.job.v1.JobSpec;

/**
 * Runs one job: checks what can be checked before reading anything, opens its source in a fresh workspace (files are
 * downloaded into it), does what the job's kind does, and returns the result. The workspace is deleted at the end,
 * whatever happens. Progress goes out as events with counts and names only.
 */
@ApplicationScoped
class JobExecution {

    /** The share of the whole job that opening (downloading) its source accounts for in progress events. */
    static final double READ_END = 0.3;
    /** The share of the whole job done once its kind's scan is over; storing results takes the rest. */
    static final double WORK_END = 0.9;

    private static final Logger LOG = Logger.getLogger(JobExecution.class);

    private final SourceOpener sources;
    private final CheckJob checks;
    private final ProfileJob profiles;
    private final MetadataImport imports;
    private final JobEvents events;
    private final RunnerConfig config;

    JobExecution(SourceOpener sources, CheckJob checks, ProfileJob profiles, MetadataImport imports,
            JobEvents events, RunnerConfig config) {
        this.sources = sources;
        this.checks = checks;
        this.profiles = profiles;
        this.imports = imports;
        this.events = events;
        this.config = config;
    }

    /**
     * @throws JobFailedException when the job cannot be done for a reason its submitter can fix
     */
    JobResult execute(JobSpec spec) {
        long started = System.nanoTime();
        String jobId = spec.getJobId();
        if (spec.getSampleLimit() < 0) {
            throw new JobFailedException(JobFailedException.INTERNAL, "the job's sample limit is "
                    + spec.getSampleLimit() + ": submit it again with a sample limit of 0 or more");
        }
        KindWork work = switch (spec.getKind()) {
            case JOB_KIND_UNSPECIFIED, JOB_KIND_CHECK -> checks.prepare(spec);
            case JOB_KIND_PROFILE -> profiles.prepare(spec);
            case JOB_KIND_METADATA_IMPORT -> imports.prepare(spec);
            case UNRECOGNIZED -> throw new JobFailedException(JobFailedException.INTERNAL, "the job's kind ("
                    + spec.getKindValue() + ") is unknown to this job-runner: upgrade the edge to the control side's"
                    + " version");
        };
        Path workspace = createWorkspace();
        try (OpenedSource source = sources.open(spec, workspace, (objects, ofObjects, bytes, ofBytes) -> {
            if (objects == ofObjects || objects * 10 / ofObjects != (objects - 1) * 10 / ofObjects) {
                events.progress(jobId, "download", READ_END * objects / ofObjects, "downloaded " + objects + " of "
                        + ofObjects + " objects (" + bytes + " of " + ofBytes + " bytes)");
            }
        })) {
            JobResult.Builder result = work.run(source);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            LOG.infof("Job %s (%s) over %s: %d rows scanned in %d ms", jobId, spec.getKind(), source.describe(),
                    result.getRowsScanned(), took.toMillis());
            return result.setDurationMillis(took.toMillis()).build();
        } finally {
            delete(workspace);
        }
    }

    private Path createWorkspace() {
        try {
            Path root = config.workspaceRoot().orElse(Path.of(System.getProperty("java.io.tmpdir")));
            // Real path: the engine names files by it, and OpenedSource.Files.named must recognise them.
            return Files.createTempDirectory(Files.createDirectories(root), "outpost-job-").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a job workspace", e);
        }
    }

    /** Deletes a workspace and everything in it; a failure is logged, not thrown. */
    static void delete(Path workspace) {
        try (Stream<Path> paths = Files.walk(workspace)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            // The job's outcome stands; a leftover workspace only costs disk until the pod or machine is cleaned.
            LOG.warnf("Could not delete workspace %s: %s", workspace, e.getMessage());
        }
    }
}
