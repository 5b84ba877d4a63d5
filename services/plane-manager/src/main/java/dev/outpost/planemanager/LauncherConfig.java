package dev.outpost.planemanager;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How job-runners are started: one per queued job, none when idle. */
@ConfigMapping(prefix = "outpost.launcher")
public interface LauncherConfig {

    /** The launcher: {@code local} starts job-runners as local processes (the embedded mode). */
    @WithDefault("local")
    String kind();

    /** The most job-runners alive at once; further jobs wait on the queue. */
    @WithDefault("2")
    int maxConcurrentRunners();

    /** How often the queue is compared with the runners alive, to recover jobs whose runner died. */
    @WithDefault("5s")
    Duration reconcileInterval();

    /** The local-process launcher. */
    Local local();

    /** Settings of the local-process launcher. */
    interface Local {

        /**
         * The command that starts one job-runner, as a comma-separated list, e.g.
         * {@code java,--enable-native-access=ALL-UNNAMED,-jar,/opt/outpost/job-runner/quarkus-run.jar}. The runner
         * inherits plane-manager's environment (queue, bucket and key settings).
         */
        Optional<List<String>> command();

        /** Where each runner's output goes ({@code job-runner-<n>.log}); the system temp dir if unset. */
        Optional<Path> logDir();
    }
}
