package dev.outpost.planemanager.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.outpost.planemanager.launch.JobRunnerLauncher;
import dev.outpost.planemanager.launch.RunnerFailure;
import dev.outpost.planemanager.launch.RunnerLaunchException;
import dev.outpost.planemanager.launch.RunningRunner;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplate;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

/**
 * Starts each job-runner as one {@code batch/v1} Job, built from the pod template that the Helm chart renders
 * (image, resources, security contexts, volumes, env: everything the chart's values say about job pods) plus:
 * a generated name {@code outpost-job-runner-<random>}, the labels {@code app.kubernetes.io/part-of=outpost},
 * {@code outpost.dev/component=job-runner} and {@code outpost.dev/runner=<job name>}, {@code backoffLimit: 0}
 * (retries belong to the jobs queue, not to Kubernetes), {@code ttlSecondsAfterFinished}, an optional
 * {@code activeDeadlineSeconds} and {@code restartPolicy: Never}.
 *
 * <p>Each runner watches its Job and its pod; one watch on the namespace's events (shared by all runners, filtered
 * here: field selectors on {@code involvedObject} would do on a real API server but not on the mock server the tests
 * use) sees {@code FailedCreate}. A runner ends {@link RunningRunner#exit()} with 0 when
 * the Job succeeded, or non-zero with a {@link RunnerFailure} a person can act on:
 * <ul>
 * <li>image pull errors ({@code ErrImagePull}, {@code ImagePullBackOff}, {@code InvalidImageName}) →
 * {@code RUNNER_IMAGE_PULL};</li>
 * <li>a pod no node can take ({@code PodScheduled=False}, reason {@code Unschedulable}) →
 * {@code RUNNER_UNSCHEDULABLE};</li>
 * <li>a ResourceQuota that blocks the Job (create rejected with 403 "exceeded quota") or its pods
 * ({@code FailedCreate} events) → {@code RUNNER_QUOTA_EXCEEDED};</li>
 * <li>a container killed for memory ({@code OOMKilled}) → {@code RUNNER_OUT_OF_MEMORY}; the Job's deadline →
 * {@code RUNNER_DEADLINE_EXCEEDED}; any other non-zero exit → {@code RUNNER_FAILED}.</li>
 * </ul>
 * The first three happen before the runner takes a job: they may clear by themselves (an autoscaler adds a node,
 * a registry recovers), so the runner is given up only after {@code start-timeout}; then its Job is deleted. The
 * launcher never knows the job id (the runner takes its job from the queue itself): {@code RunnerPool} and
 * {@code QueueFailureReporter} decide which job a failure is reported for — see
 * {@code docs/decisions/0003-kubernetes-launcher.md}.
 *
 * <p>Tested against the fabric8 mock server only (no Kubernetes API server exists on the build machines); a real
 * cluster path: set {@code outpost.launcher.kind=kubernetes} in the chart.
 */
public final class KubernetesJobLauncher implements JobRunnerLauncher, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KubernetesJobLauncher.class);

    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String COMPONENT = "outpost.dev/component";
    public static final String RUNNER = "outpost.dev/runner";
    public static final String NAME_PREFIX = "outpost-job-runner-";

    /** The exit code of a runner that was given up, or whose Job failed without a container exit code. */
    static final int FAILED = 1;
    /** The exit code of a runner stopped by plane-manager (as a process killed with SIGTERM). */
    static final int STOPPED = 143;

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param podTemplateFile         the chart's {@code PodTemplateSpec} (or {@code PodTemplate}) YAML
     * @param namespace               where Jobs are created
     * @param ttlSecondsAfterFinished how long finished Jobs are kept
     * @param activeDeadline          the longest a runner may run, if limited
     * @param startTimeout            how long a runner may stay unable to start before it is given up
     */
    public record Settings(Path podTemplateFile, String namespace, int ttlSecondsAfterFinished,
            Optional<Duration> activeDeadline, Duration startTimeout) {
    }

    private final KubernetesClient client;
    private final Settings settings;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("job-runner-start-timeout").daemon().factory());
    private final Map<String, KubernetesRunner> runners = new ConcurrentHashMap<>();
    private Watch events;

    /**
     * How often each runner's Job is read again, besides its watch: a watch that ended for good (e.g. 410 Gone)
     * must not leave a runner counted as alive forever, which would hold one of the pool's slots.
     */
    private static final Duration RESYNC = Duration.ofSeconds(30);

    public KubernetesJobLauncher(KubernetesClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
        timer.scheduleWithFixedDelay(this::resync, RESYNC.toMillis(), RESYNC.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads every followed runner's Job, and ends the runners whose Job ended or disappeared unseen. */
    void resync() {
        for (KubernetesRunner runner : List.copyOf(runners.values())) {
            try {
                Job job = client.batch().v1().jobs().inNamespace(settings.namespace()).withName(runner.name()).get();
                runner.onJob(job == null ? Watcher.Action.DELETED : Watcher.Action.MODIFIED, job);
            } catch (RuntimeException e) {
                LOG.debugf("Could not read job-runner Job %s: %s", runner.name(), e.getMessage());
            }
        }
    }

    @Override
    public RunningRunner launch() {
        String name = NAME_PREFIX + randomSuffix();
        Job job = job(name, template());
        watchEvents();
        KubernetesRunner runner = new KubernetesRunner(name);
        try {
            runner.watch();
        } catch (RuntimeException e) {
            runner.closeWatches();
            throw new IllegalStateException("Could not watch job-runner Jobs in namespace " + settings.namespace()
                    + ": " + e.getMessage(), e);
        }
        runners.put(name, runner);
        try {
            client.batch().v1().jobs().inNamespace(settings.namespace()).resource(job).create();
        } catch (KubernetesClientException e) {
            runners.remove(name);
            runner.closeWatches();
            throw rejected(name, e);
        }
        return runner;
    }

    /** One watch on the namespace's events for every runner, started with the first launch. */
    private synchronized void watchEvents() {
        if (events != null) {
            return;
        }
        events = client.v1().events().inNamespace(settings.namespace()).watch(new Watcher<Event>() {
            @Override
            public void eventReceived(Action action, Event event) {
                if (action == Action.DELETED || event.getInvolvedObject() == null
                        || !"Job".equals(event.getInvolvedObject().getKind())) {
                    return;
                }
                KubernetesRunner runner = runners.get(String.valueOf(event.getInvolvedObject().getName()));
                if (runner != null) {
                    try {
                        runner.onEvent(event);
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "Following job-runner Job %s failed", runner.name());
                    }
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                LOG.warnf("Lost the watch on events in namespace %s (%s); the next launch watches again",
                        settings.namespace(), cause.getMessage());
                synchronized (KubernetesJobLauncher.this) {
                    events = null; // the next launch watches again
                }
            }
        });
    }

    /** The Job for runner {@code name}: the template's pod plus Outpost's identity and Job settings. */
    Job job(String name, PodTemplateSpec template) {
        Map<String, String> labels = Map.of(PART_OF, "outpost", COMPONENT, "job-runner", RUNNER, name);
        PodTemplateSpec pod = new PodTemplateSpecBuilder(template)
                .editOrNewMetadata().addToLabels(labels).endMetadata()
                .editOrNewSpec().withRestartPolicy("Never").endSpec()
                .build();
        return new JobBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(settings.namespace())
                    .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                    .withBackoffLimit(0)
                    .withTtlSecondsAfterFinished(settings.ttlSecondsAfterFinished())
                    .withActiveDeadlineSeconds(settings.activeDeadline().map(Duration::toSeconds).orElse(null))
                    .withTemplate(pod)
                .endSpec()
                .build();
    }

    /** The chart's pod template, read at each launch so that an upgraded chart applies without a restart. */
    PodTemplateSpec template() {
        Path file = settings.podTemplateFile();
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new RunnerLaunchException(RunnerFailure.beforeStart("RUNNER_INVALID_TEMPLATE",
                    "The job-runner pod template " + file + " cannot be read (" + e + "). It is rendered by the "
                            + "Helm chart into a ConfigMap: check that the chart is installed and "
                            + "outpost.launcher.kubernetes.pod-template-file points at it."), e);
        }
        try {
            var serialization = client.getKubernetesSerialization();
            Object kind = serialization.unmarshal(yaml, Map.class).get("kind");
            PodTemplateSpec template = "PodTemplate".equals(kind)
                    ? serialization.unmarshal(yaml, PodTemplate.class).getTemplate()
                    : serialization.unmarshal(yaml, PodTemplateSpec.class);
            if (template == null || template.getSpec() == null || template.getSpec().getContainers().isEmpty()) {
                throw new IllegalArgumentException("it has no pod spec with a container");
            }
            return template;
        } catch (RuntimeException e) {
            throw new RunnerLaunchException(RunnerFailure.beforeStart("RUNNER_INVALID_TEMPLATE",
                    "The job-runner pod template " + file + " is not a valid PodTemplateSpec: " + e.getMessage()
                            + ". Re-render it with the Helm chart."), e);
        }
    }

    private RunnerLaunchException rejected(String name, KubernetesClientException e) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
        if (e.getCode() == 403 && message.contains("exceeded quota")) {
            return new RunnerLaunchException(quota(message), e);
        }
        if (e.getCode() == 403) {
            return new RunnerLaunchException(RunnerFailure.beforeStart("RUNNER_FORBIDDEN",
                    "plane-manager may not create job-runner Jobs in namespace " + settings.namespace() + " ("
                            + message + "). Check the chart's Role and RoleBinding for plane-manager's service "
                            + "account (jobs: create, get, list, watch, delete)."), e);
        }
        if (e.getCode() == 400 || e.getCode() == 422) {
            return new RunnerLaunchException(RunnerFailure.beforeStart("RUNNER_INVALID_TEMPLATE",
                    "Kubernetes rejected job-runner Job " + name + " as invalid (" + message + "). Check the "
                            + "job-runner pod template rendered by the Helm chart."), e);
        }
        // Anything else (API server unreachable, 5xx) is not the job's fault: the pool tries again later.
        throw new IllegalStateException("Could not create job-runner Job " + name + " in namespace "
                + settings.namespace() + ": " + message, e);
    }

    private RunnerFailure quota(String message) {
        return RunnerFailure.noCapacity("RUNNER_QUOTA_EXCEEDED", "A ResourceQuota in namespace "
                + settings.namespace() + " does not leave room for a job-runner (" + message + "). Raise the "
                + "quota, pick a smaller tier, or lower outpost.launcher.max-concurrent-runners.");
    }

    private static String randomSuffix() {
        StringBuilder suffix = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return suffix.toString();
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        if (events != null) {
            events.close();
            events = null;
        }
    }

    /** One Job, followed through watches on the Job, its pods and the Job's events until it ends. */
    private final class KubernetesRunner implements RunningRunner {

        private final String name;
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();
        private final List<Watch> watches = new ArrayList<>();
        private volatile RunnerFailure failure;
        /** Why it cannot start yet; cleared when a container runs. */
        private RunnerFailure blocked;
        private boolean timerSet;

        KubernetesRunner(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public CompletableFuture<Integer> exit() {
            return exit;
        }

        @Override
        public Optional<RunnerFailure> failure() {
            return Optional.ofNullable(failure);
        }

        @Override
        public void stop() {
            if (exit.isDone()) {
                return;
            }
            finish(STOPPED, null);
            delete();
        }

        void watch() {
            String ns = settings.namespace();
            synchronized (this) {
                watches.add(client.batch().v1().jobs().inNamespace(ns).withName(name)
                        .watch(watcher(this::onJob)));
                watches.add(client.pods().inNamespace(ns).withLabel(RUNNER, name).watch(watcher(this::onPod)));
            }
        }

        private <T> Watcher<T> watcher(Handler<T> handler) {
            return new Watcher<>() {
                @Override
                public void eventReceived(Action action, T resource) {
                    try {
                        handler.handle(action, resource);
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "Following job-runner Job %s failed", name);
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                    if (!exit.isDone()) {
                        LOG.warnf("Lost the watch on job-runner Job %s (%s); its end is seen by the next "
                                + "reconciliation of the jobs queue", name, cause.getMessage());
                    }
                }
            };
        }

        private void onJob(Watcher.Action action, Job job) {
            if (action == Watcher.Action.DELETED) {
                finish(FAILED, RunnerFailure.afterStart("RUNNER_FAILED", "Job-runner Job " + name
                        + " was deleted before it finished."));
                return;
            }
            JobOutcome.Outcome outcome = JobOutcome.of(job);
            if (outcome == JobOutcome.Outcome.SUCCEEDED) {
                finish(0, null);
            } else if (outcome == JobOutcome.Outcome.FAILED) {
                List<Pod> pods = client.pods().inNamespace(settings.namespace()).withLabel(RUNNER, name).list()
                        .getItems();
                finish(JobOutcome.exitCode(pods).orElse(FAILED), JobOutcome.failure(job, pods));
            }
        }

        private void onPod(Watcher.Action action, Pod pod) {
            if (action == Watcher.Action.DELETED) {
                return;
            }
            Optional<RunnerFailure> cannotStart = JobOutcome.cannotStart(pod);
            if (cannotStart.isPresent()) {
                blocked(cannotStart.get());
            } else if (JobOutcome.started(pod)) {
                synchronized (this) {
                    blocked = null;
                }
            }
        }

        void onEvent(Event event) {
            if (!"FailedCreate".equals(event.getReason())) {
                return;
            }
            String message = String.valueOf(event.getMessage());
            blocked(message.contains("exceeded quota") ? quota(message)
                    : RunnerFailure.beforeStart("RUNNER_CREATE_FAILED", "Kubernetes cannot create the pod of "
                            + "job-runner Job " + name + " (" + message + "). Check the job-runner pod template "
                            + "and the namespace's policies."));
        }

        /** It cannot start for now: give it {@code start-timeout} to recover, then give it up. */
        private void blocked(RunnerFailure why) {
            boolean now;
            synchronized (this) {
                blocked = why;
                now = settings.startTimeout().isZero();
                if (!now && !timerSet) {
                    timerSet = true;
                    timer.schedule(this::startTimedOut, settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            if (now) {
                startTimedOut();
            }
        }

        private void startTimedOut() {
            RunnerFailure why;
            synchronized (this) {
                timerSet = false;
                why = blocked;
            }
            if (why == null || exit.isDone()) {
                return;
            }
            LOG.errorf("Giving up job-runner Job %s: %s", name, why.reason());
            finish(FAILED, why); // before the delete, whose watch event would say "deleted" instead of why
            delete();
        }

        private void delete() {
            try {
                client.batch().v1().jobs().inNamespace(settings.namespace()).withName(name)
                        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            } catch (KubernetesClientException e) {
                LOG.warnf("Could not delete job-runner Job %s: %s", name, e.getMessage());
            }
        }

        private void finish(int code, RunnerFailure why) {
            synchronized (this) {
                if (exit.isDone()) {
                    return;
                }
                failure = why;
            }
            runners.remove(name);
            closeWatches();
            exit.complete(code);
        }

        synchronized void closeWatches() {
            watches.forEach(Watch::close);
            watches.clear();
        }
    }

    @FunctionalInterface
    private interface Handler<T> {
        void handle(Watcher.Action action, T resource);
    }
}
