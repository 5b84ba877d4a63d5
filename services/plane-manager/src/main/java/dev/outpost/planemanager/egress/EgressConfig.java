package dev.outpost.planemanager.egress;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What the customer lets leave the compute plane, and where plane-manager records what did. The control side asks;
 * the edge decides.
 */
@ConfigMapping(prefix = "outpost.edge.egress")
public interface EgressConfig {

    /** Whether previews of a data source's rows may be sent to the control plane. */
    @WithDefault("true")
    boolean previews();

    /** Whether pages of a check's failing rows may be sent to the control plane. */
    @WithDefault("true")
    boolean resultPages();

    /** Whether column profiles may be sent to the control plane. */
    @WithDefault("true")
    boolean profiles();

    /** Whether file listings and inferred schemas (the catalog) may be sent to the control plane. */
    @WithDefault("true")
    boolean catalogImport();

    /** The egress audit log. */
    Audit audit();

    /** The append-only record of every frame sent to the control plane, in the customer's bucket. */
    interface Audit {

        /** The bucket of the audit log (unset: the results bucket, {@code outpost.results.bucket}). */
        Optional<String> bucket();

        /**
         * The key prefix of the audit log inside its bucket (after {@code outpost.results.prefix} when the log is in
         * the results bucket); the edge id, date and hour follow.
         */
        @WithDefault("audit/egress/")
        String prefix();

        /** The longest a record waits in memory before its batch is written. */
        @WithDefault("10s")
        Duration flushInterval();

        /** A batch is written as soon as it holds this many bytes of records. */
        @WithDefault("1048576")
        int flushBytes();

        /** Whether objects are gzip-compressed ({@code .jsonl.gz}). */
        @WithDefault("false")
        boolean gzip();

        /** The longest one write may take before it counts as failed and is retried. */
        @WithDefault("30s")
        Duration writeTimeout();

        /** The longest wait between attempts to write a batch the bucket refused. */
        @WithDefault("1m")
        Duration retryMax();

        /**
         * The most records kept in memory while the bucket cannot be written; beyond it the oldest are given up and
         * the log records a gap with their count (docs/decisions/0006-egress-audit.md).
         */
        @WithDefault("100000")
        int maxPendingRecords();
    }
}
