package dev.outpost.control.job;

import java.io.Serializable;
import java.util.UUID;

/**
 * The composite key of a row a job has several of, in order: the job and the row's position (a check's in its rule
 * set, a column's in the profiled data).
 */
public record JobRowKey(UUID jobId, int position) implements Serializable {

    /** For Hibernate, which instantiates identifier classes empty. */
    public JobRowKey() {
        this(null, 0);
    }
}
