package dev.outpost.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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
     * The directory under which each job gets a fresh workspace for its downloaded data (deleted when the job ends);
     * the JVM's temporary directory when unset. Size it for the largest data set: every object is copied here.
     */
    Optional<Path> workspaceRoot();
}
