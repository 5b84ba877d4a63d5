package dev.outpost.resultsreader;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How results-reader consumes the {@code results} queue. */
@ConfigMapping(prefix = "outpost.results-reader")
public interface ResultsReaderConfig {

    /**
     * How long a request stays invisible to other replicas while this one answers it; if the replica dies, another
     * one takes the request after this long.
     */
    @WithDefault("30s")
    Duration visibility();
}
