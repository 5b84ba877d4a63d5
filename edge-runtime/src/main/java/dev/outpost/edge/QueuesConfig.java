package dev.outpost.edge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which queues a compute plane uses. */
@ConfigMapping(prefix = "outpost.queues")
public interface QueuesConfig {

    /** Prefix of every queue name ({@code <prefix>jobs}, {@code <prefix>job-events}, …), one per deployment. */
    @WithDefault("outpost-")
    String prefix();
}
