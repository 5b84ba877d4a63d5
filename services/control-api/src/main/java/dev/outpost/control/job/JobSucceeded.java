package dev.outpost.control.job;

import dev.outpost.proto.job.v1.JobResult;

/**
 * A CDI event fired when a job's success is recorded, inside the transaction that records it: an observer's changes
 * (such as the catalog a metadata import fills) commit with the job's state or not at all, and the edge's event is
 * acknowledged only after both are durable. An observer must not call the edge or do slow work.
 *
 * @param job    the job, already in state SUCCEEDED
 * @param result the aggregates the edge reported (metadata and aggregates only)
 */
public record JobSucceeded(Job job, JobResult result) {
}
