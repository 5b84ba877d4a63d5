package dev.outpost.runner;

import dev.outpost.proto.job.v1.JobResult;

/** What a job of one kind does with its opened source, ready to run once the source is open. */
@FunctionalInterface
interface KindWork {

    /**
     * @return the job's result, without its duration
     * @throws JobFailedException when the job cannot be done for a reason its submitter can fix
     */
    JobResult.Builder run(OpenedSource source);
}
