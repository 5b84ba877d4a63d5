package dev.outpost.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.outpost.dq.rules.RuleSetParser;
import dev.outpost.dq.scan.CheckEvaluator;
import dev.outpost.dq.scan.DataSet;
import dev.outpost.dq.scan.DuckDbLimits;
import dev.outpost.dq.scan.DuckDbWorkspace;
import dev.outpost.dq.scan.SampleSink;
import dev.outpost.edge.ResultsConfig;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Makes a job's first calls while the runner waits for its job on SQS, so that the one-time costs of a fresh JVM are
 * paid beside that wait rather than after it: loading DuckDB's native library (it unpacks some 70 MB from its jar),
 * a first locked-down workspace and scan (the engine's classes), and the S3 client's first request (building the
 * client, its endpoint rules, signing, the XML protocol). Nothing of the job depends on it: a warm-up that fails is
 * logged at debug level and the job pays those costs itself, as it would without one.
 */
@ApplicationScoped
class Warmup {

    /** How the warm-up's own workspace, under the workspace root, is named. */
    static final String WORKSPACE_PREFIX = "outpost-warmup-";

    private static final Logger LOG = Logger.getLogger(Warmup.class);

    /** A rule set of the commonest check kinds, over {@link #SAMPLE_CSV}. */
    private static final String RULE_SET = """
            checks:
              - {name: present, type: not_null, column: a}
              - {name: unique, type: unique, columns: [a]}
              - {name: format, type: regex, column: b, pattern: '[a-z]+'}
              - {name: range, type: between, column: a, min: 0, max: 1}
              - {name: known, type: allowed_values, column: b, values: [x]}
              - {name: short, type: length, column: b, max: 1}
              - {name: positive, type: expression, condition: 'a >= 0'}
              - {name: average, type: metric, column: a, metric: avg, must_be_between: [0, 1]}
            """;
    private static final String SAMPLE_CSV = "a,b\n1,x\n2,yy\n2,\n";

    private final S3Client s3;
    private final ResultsConfig results;
    private final RunnerConfig config;
    private final DuckDbLimits duckDbLimits;

    Warmup(S3Client s3, ResultsConfig results, RunnerConfig config) {
        this.s3 = s3;
        this.results = results;
        this.config = config;
        this.duckDbLimits = new DuckDbLimits(config.duckdb().memoryLimit(), config.duckdb().threads());
    }

    /** Starts warming up on background threads, which end by themselves and never hold up the runner's exit. */
    void start() {
        Thread.ofPlatform().daemon().name("warmup-engine").start(() -> timed("DuckDB and the engine", () -> engine()));
        Thread.ofPlatform().daemon().name("warmup-s3").start(() -> timed("the S3 client", () -> s3()));
    }

    private static void timed(String what, Runnable warmup) {
        long started = System.nanoTime();
        try {
            warmup.run();
            LOG.debugf("Warmed up %s in %d ms", what, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException | Error e) {
            LOG.debugf("Warming up %s failed after %d ms (the job pays for its first use instead): %s", what,
                    (System.nanoTime() - started) / 1_000_000, e);
        }
    }

    /**
     * Scans a 3-row CSV in a workspace of its own, deleted after.
     *
     * @return the workspace it used
     */
    Path engine() {
        Path root = config.workspaceRoot().orElse(Path.of(System.getProperty("java.io.tmpdir")));
        Path workspace;
        try {
            workspace = Files.createTempDirectory(Files.createDirectories(root), WORKSPACE_PREFIX).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path file = Files.writeString(workspace.resolve("warmup.csv"), SAMPLE_CSV);
            try (DuckDbWorkspace duckDb = DuckDbWorkspace.open(workspace, duckDbLimits)) {
                new CheckEvaluator().evaluate(duckDb, DataSet.csv(List.of(file)), RuleSetParser.parse(RULE_SET), 1,
                        SampleSink.DISCARD);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            JobExecution.delete(workspace);
        }
        return workspace;
    }

    /**
     * Lists a folder under the results prefix that holds nothing (the runner's role may list its results bucket).
     *
     * @return how many keys the listing found
     */
    int s3() {
        return s3.listObjectsV2(b -> b.bucket(results.bucket()).prefix(results.prefix().orElse("") + "warmup/")
                .maxKeys(1)).keyCount();
    }
}
