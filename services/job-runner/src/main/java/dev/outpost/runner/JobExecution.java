package dev.outpost.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.outpost.dq.rules.RuleSet;
import dev.outpost.dq.rules.RuleSetInvalidException;
import dev.outpost.dq.rules.RuleSetParser;
import dev.outpost.dq.scan.CheckEvaluator;
import dev.outpost.dq.scan.DataSet;
import dev.outpost.dq.scan.DataUnreadableException;
import dev.outpost.dq.scan.DuckDbLimits;
import dev.outpost.dq.scan.DuckDbWorkspace;
import dev.outpost.dq.scan.FileSchemaDifference;
import dev.outpost.dq.scan.RuleSetMismatchException;
import dev.outpost.dq.scan.ScanPhase;
import dev.outpost.dq.scan.ScanResult;
import dev.outpost.edge.ResultsStore;
import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.JobResult;
import dev.outpost.proto.job.v1.JobSpec;

/**
 * Evaluates one job: downloads its data into a fresh workspace, runs every check in one DuckDB scan confined to that
 * workspace, stores failing-row samples encrypted, and returns the aggregates. The workspace is deleted at the end,
 * whatever happens. Progress goes out as events with counts only.
 */
@ApplicationScoped
class JobExecution {

    // Shares of the whole job each phase accounts for in progress events.
    private static final double DOWNLOAD_END = 0.3;
    private static final double SCAN_END = 0.9;

    private static final Logger LOG = Logger.getLogger(JobExecution.class);

    private final DataDownloader downloader;
    private final ResultsStore results;
    private final JobEvents events;
    private final RunnerConfig config;
    private final DuckDbLimits duckDbLimits;

    JobExecution(DataDownloader downloader, ResultsStore results, JobEvents events, RunnerConfig config) {
        this.downloader = downloader;
        this.results = results;
        this.events = events;
        this.config = config;
        // Built here so that a limit DuckDB would not accept stops the runner before it takes a job.
        this.duckDbLimits = new DuckDbLimits(config.duckdb().memoryLimit(), config.duckdb().threads());
    }

    /**
     * @throws JobFailedException when the job cannot be evaluated for a reason its submitter can fix
     */
    JobResult execute(JobSpec spec) {
        long started = System.nanoTime();
        String jobId = spec.getJobId();
        RuleSet ruleSet = parse(spec.getRuleSetYaml());
        DataSet.Format format = format(spec.getLocation().getFormat());
        if (spec.getSampleLimit() < 0) {
            throw new JobFailedException(JobFailedException.INTERNAL, "the job's sample limit is "
                    + spec.getSampleLimit() + ": submit it again with a sample limit of 0 or more");
        }
        Path workspace = createWorkspace();
        try {
            List<DataDownloader.Download> files = downloader.download(spec.getLocation(), workspace,
                    (objects, ofObjects, bytes, ofBytes) -> {
                        if (objects == ofObjects || objects * 10 / ofObjects != (objects - 1) * 10 / ofObjects) {
                            events.progress(jobId, "download", DOWNLOAD_END * objects / ofObjects, "downloaded "
                                    + objects + " of " + ofObjects + " objects (" + bytes + " of " + ofBytes + " bytes)");
                        }
                    });
            EncryptedSamples samples = new EncryptedSamples(results, jobId);
            ScanResult scan = evaluate(spec, ruleSet, format, files, workspace, samples);
            if (!scan.fileDifferences().isEmpty()) {
                // Names and types only: tells the submitter why a column is null in some objects' rows.
                events.progress(jobId, "scan", SCAN_END, withObjectKeys("the objects differ: " + scan.fileDifferences()
                        .stream().map(FileSchemaDifference::describe).collect(Collectors.joining("; ")),
                        spec.getLocation().getBucket(), files));
            }
            events.progress(jobId, "samples", 1.0, "stored failing-row samples of " + samples.checks() + " checks ("
                    + samples.rows() + " rows)");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            LOG.infof("Job %s: %d checks over %d rows in %d files, score %.3f, in %d ms", jobId,
                    scan.checks().size(), scan.rowsScanned(), files.size(), scan.score(), took.toMillis());
            return JobResults.of(scan, took);
        } finally {
            delete(workspace);
        }
    }

    private ScanResult evaluate(JobSpec spec, RuleSet ruleSet, DataSet.Format format,
            List<DataDownloader.Download> files, Path workspace, EncryptedSamples samples) {
        String jobId = spec.getJobId();
        DataSet dataSet = new DataSet(format, files.stream().map(DataDownloader.Download::file).toList());
        int checks = ruleSet.checks().size();
        events.progress(jobId, "scan", DOWNLOAD_END, "scanning " + dataSet.files().size() + " files for " + checks
                + " checks in one pass");
        CheckEvaluator evaluator = new CheckEvaluator((phase, fraction) -> {
            if (phase == ScanPhase.SCANNING && fraction == 1.0) {
                events.progress(jobId, "scan", SCAN_END, "evaluated " + checks + " checks");
            }
        });
        try (DuckDbWorkspace duckDb = DuckDbWorkspace.open(workspace, duckDbLimits)) {
            return evaluator.evaluate(duckDb, dataSet, ruleSet, spec.getSampleLimit(), samples);
        } catch (RuleSetMismatchException e) {
            throw new JobFailedException(JobFailedException.INVALID_RULES, e.getMessage());
        } catch (DataUnreadableException e) {
            throw new JobFailedException(JobFailedException.DATA_UNREADABLE,
                    withObjectKeys(e.getMessage(), spec.getLocation().getBucket(), files));
        }
    }

    /** The engine names workspace files, which mean nothing to the job's submitter: name the objects instead. */
    private static String withObjectKeys(String message, String bucket, List<DataDownloader.Download> files) {
        String named = message;
        for (DataDownloader.Download download : files) {
            named = named.replace(download.file().toString(), "s3://" + bucket + "/" + download.key());
        }
        return named;
    }

    private static RuleSet parse(String yaml) {
        try {
            return RuleSetParser.parse(yaml);
        } catch (RuleSetInvalidException e) {
            throw new JobFailedException(JobFailedException.INVALID_RULES, e.getMessage());
        }
    }

    private static DataSet.Format format(DataFormat format) {
        return switch (format) {
            case DATA_FORMAT_CSV -> DataSet.Format.CSV;
            case DATA_FORMAT_PARQUET -> DataSet.Format.PARQUET;
            default -> throw new JobFailedException(JobFailedException.DATA_UNREADABLE, "the job does not say how "
                    + "its data is encoded (format " + format + "): set the data source's format to CSV or Parquet");
        };
    }

    private Path createWorkspace() {
        try {
            Path root = config.workspaceRoot().orElse(Path.of(System.getProperty("java.io.tmpdir")));
            // Real path: the engine names files by it, and withObjectKeys must recognise them.
            return Files.createTempDirectory(Files.createDirectories(root), "outpost-job-").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a job workspace", e);
        }
    }

    private static void delete(Path workspace) {
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
