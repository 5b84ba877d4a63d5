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

    /**
     * The launcher: {@code local} starts job-runners as local processes (the embedded mode); {@code kubernetes}
     * creates one {@code batch/v1} Job per runner from the chart's pod template, and elects one launching replica
     * through a Lease. The Kubernetes launcher is tested against the fabric8 mock server only; on a real cluster the
     * chart sets {@code outpost.launcher.kind=kubernetes}.
     */
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

    /** The Kubernetes launcher ({@code kind=kubernetes}). */
    Kubernetes kubernetes();

    /** Settings of the Kubernetes launcher. */
    interface Kubernetes {

        /**
         * A {@code PodTemplateSpec} (or a {@code PodTemplate}) as YAML, rendered by the Helm chart into a ConfigMap:
         * image, resources, security contexts, volumes and env of every job-runner pod. Read at each launch, so an
         * upgraded chart takes effect without restarting plane-manager.
         */
        @WithDefault("/etc/outpost/job-template/job-pod-template.yaml")
        Path podTemplateFile();

        /** The namespace of the Jobs and the Lease; plane-manager's own namespace (service account) if unset. */
        Optional<String> namespace();

        /** How long a finished Job (and its pod, for {@code kubectl logs}) is kept before Kubernetes deletes it. */
        @WithDefault("600")
        int ttlSecondsAfterFinished();

        /** The longest a runner may run (its Job's {@code activeDeadlineSeconds}); unlimited if unset. */
        Optional<Duration> activeDeadline();

        /**
         * How long a runner may stay unable to start (no node fits it, its pods cannot be created) before it is
         * given up and a waiting job is failed with the reason. Long enough for a cluster autoscaler to add a node.
         * Image pull errors wait for it too, so a registry hiccup does not fail a job.
         */
        @WithDefault("5m")
        Duration startTimeout();

        /** Choosing the one replica that launches job-runners. */
        LeaderElection leaderElection();
    }

    /** Leader election through a {@code coordination.k8s.io/v1} Lease. */
    interface LeaderElection {

        /** Whether to elect a leader; off only for a single replica. Without election this replica always leads. */
        @WithDefault("true")
        boolean enabled();

        /** The Lease's name, shared by the replicas of one release. */
        @WithDefault("outpost-plane-manager")
        String leaseName();

        /** This replica's identity in the Lease; the replica id (pod name) if unset. */
        Optional<String> identity();

        /** How long a Lease holds without renewal: a dead leader is replaced after at most this long. */
        @WithDefault("15s")
        Duration leaseDuration();

        /** How long the leader keeps trying to renew before it gives up leading. Shorter than the lease duration. */
        @WithDefault("10s")
        Duration renewDeadline();

        /** How often replicas try to acquire or renew the Lease. */
        @WithDefault("2s")
        Duration retryPeriod();
    }

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

        /**
         * An AOT cache file the runners share, for a {@code command} whose {@code java} is JDK 25 or later: the first
         * runner trains it (its JVM writes the cache as it exits), later runners start with it. The cache holds that
         * JDK's and that runner build's classes: give each pair a file of its own (the embedded mesh names it by
         * both). Unset, runners start without one.
         */
        Optional<Path> aotCache();
    }
}
