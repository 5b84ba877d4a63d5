package dev.outpost.metadatabrowser;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How metadata-browser consumes the {@code interactive} queue and how much data it reads to infer columns. */
@ConfigMapping(prefix = "outpost.browser")
public interface BrowserConfig {

    /**
     * How long a request stays invisible to other replicas while this one answers it; if the replica dies, another
     * one takes the request after this long.
     */
    @WithDefault("60s")
    Duration visibility();

    /**
     * The largest object downloaded whole to infer its columns (Parquet, gzip-compressed CSV); bigger ones are listed
     * with an inference error instead, to bound the time and disk a browse costs. Accepts sizes like {@code 64M}.
     */
    @WithDefault("64M")
    MemorySize maxInferenceBytes();

    /**
     * How much of the start of an uncompressed CSV or JSON-lines object is fetched (one ranged GET) to infer its
     * columns, estimate its row count and preview it; DuckDB detects the types from those rows.
     */
    @WithDefault("1M")
    MemorySize csvSampleBytes();

    /**
     * The most time one test_connection, browse or preview request may take; a source slower than this gets a
     * {@code TIMEOUT} error. PostgreSQL sessions get it plus one second as their connect, login, socket and statement
     * timeout, so that they stop soon after.
     */
    @WithDefault("10s")
    Duration requestTimeout();

    /**
     * How many requests are answered at the same time, each on its own virtual thread; more wait on the queue. A
     * source that never answers holds up only its own request, until {@link #requestTimeout()}.
     */
    @WithDefault("8")
    int concurrentRequests();

    /** The most rows a preview returns, whatever the request asks for. */
    @WithDefault("100")
    int previewMaxRows();
}
