package dev.outpost.runner;

import jakarta.inject.Inject;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Runs one job and exits: 0 when the job's outcome was reported (or there was no job to take), non-zero when it could
 * not be reported and the job stays on its queue for another runner.
 */
@QuarkusMain
public class RunnerMain implements QuarkusApplication {

    @Inject
    JobRun jobRun;

    @Override
    public int run(String... args) {
        return jobRun.takeAndRun();
    }
}
