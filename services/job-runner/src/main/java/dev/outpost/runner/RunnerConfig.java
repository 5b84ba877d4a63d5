package dev.outpost.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a job-runner takes its job and where it works on it. */
@ConfigMapping(prefix = "outpost.runner")
public interface RunnerConfig {

    /**
     * How long to wait for a job on the {@code jobs} queue before exiting without one (the job it was launched for
     * was taken by another runner). Waited in long polls of at most 20 s, SQS's limit.
     */
    @WithDefault("10s")
    Duration receiveWait();

    /**
     * How long the job message stays invisible per extension while the runner works; extended every half period. If
     * the runner dies, SQS hands the job to another runner after at most this long.
     */
    @WithDefault("60s")
    Duration visibility();

    /**
     * Whether the runner makes a job's one-time first calls on background threads while it waits for its job on SQS:
     * loading DuckDB's native library, a scan of a 3-row file in a workspace of its own, and one S3 listing under the
     * results prefix (the runner's role may list its results bucket). Off, the job pays for them after it is taken.
     */
    @WithDefault("true")
    boolean warmup();

    /**
     * The directory under which each job gets a fresh workspace for its downloaded data (deleted when the job ends);
     * the JVM's temporary directory when unset. Size it for the largest data set: every object is copied here.
     */
    Optional<Path> workspaceRoot();

    /** The embedded DuckDB that scans the job's files. */
    DuckDb duckdb();

    /** Sessions on a PostgreSQL source, whose checks run where the data is. */
    Database database();

    /** Profiling jobs (JOB_KIND_PROFILE). */
    Profile profile();

    /** How profiling jobs summarise each column. */
    interface Profile {

        /**
         * How many of each column's most frequent values (with their counts) a profile keeps, at least 1. They are
         * data values: they are stored encrypted in the results bucket with the rest of the profile's values.
         */
        @WithDefault("10")
        int topValues();
    }

    /**
     * How long a job waits for a PostgreSQL source before it fails with DATABASE_TIMEOUT, so that a database that
     * accepts a connection but never answers cannot hold a job (and its queue message) forever.
     */
    interface Database {

        /** The longest connecting may take, login included. */
        @WithDefault("10s")
        Duration connectTimeout();

        /**
         * The longest one query may run (the session's {@code statement_timeout}); the driver gives up on a silent
         * server a second later.
         */
        @WithDefault("30m")
        Duration queryTimeout();
    }

    /**
     * DuckDB's resources, set before its configuration is locked. Unset, DuckDB takes 80 % of the machine's memory
     * and a thread per core: in a container, the node's, not the pod's limits.
     */
    interface DuckDb {

        /**
         * The most memory DuckDB uses before spilling to the workspace: a number and a unit ({@code 512MB},
         * {@code 2GiB}) or a share of the machine's memory ({@code 50%}).
         */
        Optional<String> memoryLimit();

        /** How many threads a scan uses (at least 1). */
        OptionalInt threads();
    }
}
