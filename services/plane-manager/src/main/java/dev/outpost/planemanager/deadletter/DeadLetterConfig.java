package dev.outpost.planemanager.deadletter;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the leading plane-manager replica handles what SQS dead-lettered ({@link DeadLetterWatcher}). */
@ConfigMapping(prefix = "outpost.dead-letters")
public interface DeadLetterConfig {

    /**
     * How often the dead-letter queues of {@code jobs} and {@code job-events} are read. A dead-lettered job is
     * reported failed at most this long after SQS gave up on it.
     */
    @WithDefault("30s")
    Duration checkInterval();

    /**
     * How many times a dead-lettered job event is put back on {@code job-events}. After that it stays on the
     * dead-letter queue for an operator (an error names its event and job ids).
     */
    @WithDefault("3")
    int maxEventReturns();
}
