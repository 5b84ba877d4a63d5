package dev.outpost.planemanager.launch;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.outpost.planemanager.EdgeIdentity;
import dev.outpost.planemanager.LauncherConfig;
import dev.outpost.planemanager.kubernetes.KubernetesJobLauncher;
import dev.outpost.planemanager.kubernetes.LeaseLeadership;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * Chooses the job-runner launcher, and how leadership is decided, from {@code outpost.launcher.kind}. The
 * Kubernetes client is created only for {@code kubernetes} (in-cluster service account, or a kubeconfig).
 */
@ApplicationScoped
class Launchers {

    @Produces
    @ApplicationScoped
    JobRunnerLauncher launcher(LauncherConfig config, Instance<KubernetesClient> kubernetes) {
        return switch (config.kind()) {
            case "local" -> new LocalProcessLauncher(config.local().command().orElseThrow(() -> new IllegalStateException(
                    "outpost.launcher.local.command is not set: give the command that starts one job-runner")),
                    config.local().logDir().orElse(Path.of(System.getProperty("java.io.tmpdir"))),
                    config.local().aotCache());
            case "kubernetes" -> {
                var k8s = config.kubernetes();
                yield new KubernetesJobLauncher(kubernetes.get(), new KubernetesJobLauncher.Settings(
                        k8s.podTemplateFile(), namespace(config, kubernetes.get()), k8s.ttlSecondsAfterFinished(),
                        k8s.activeDeadline(), k8s.startTimeout()));
            }
            default -> throw new IllegalStateException("outpost.launcher.kind '" + config.kind()
                    + "' is not supported: use 'local' or 'kubernetes'");
        };
    }

    @Produces
    @ApplicationScoped
    Leadership leadership(LauncherConfig config, EdgeIdentity replica, Instance<KubernetesClient> kubernetes) {
        var election = config.kubernetes().leaderElection();
        if (!"kubernetes".equals(config.kind()) || !election.enabled()) {
            return Leadership.always();
        }
        String identity = election.identity().orElse(replica.replicaId());
        return new LeaseLeadership(kubernetes.get(), namespace(config, kubernetes.get()), election.leaseName(),
                identity, election.leaseDuration(), election.renewDeadline(), election.retryPeriod());
    }

    @Produces
    @Singleton
    KubernetesClient kubernetesClient() {
        return new KubernetesClientBuilder().build();
    }

    void closeLauncher(@Disposes JobRunnerLauncher launcher) throws Exception {
        if (launcher instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    void closeLeadership(@Disposes Leadership leadership) throws Exception {
        if (leadership instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    void closeClient(@Disposes KubernetesClient client) {
        client.close();
    }

    private static String namespace(LauncherConfig config, KubernetesClient client) {
        return config.kubernetes().namespace()
                .or(() -> Optional.ofNullable(client.getNamespace()))
                .orElseThrow(() -> new IllegalStateException("outpost.launcher.kubernetes.namespace is not set and "
                        + "plane-manager does not run in a pod with a service account: set the namespace"));
    }
}
