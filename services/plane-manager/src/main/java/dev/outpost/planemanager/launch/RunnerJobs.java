package dev.outpost.planemanager.launch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.outpost.proto.job.v1.JobEvent;

/**
 * Which job each runner took, learnt from the runners' own {@code JobStarted} events on the way through
 * plane-manager ({@code JobStarted.runner} is the pod name on Kubernetes, the pid locally). A launcher never knows
 * the job it launched for — the runner takes one from the queue itself — so this is how a pod that dies after
 * taking its job (out of memory, deadline) is attributed to that job.
 *
 * <p>Only the replica that forwarded the event knows; the other one reports such a failure in its log only.
 */
@ApplicationScoped
public class RunnerJobs {

    /** Enough for every runner alive at once many times over; the oldest entries go first. */
    private static final int REMEMBERED = 1000;

    private final Map<String, String> jobByRunner = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Notes the runner of a {@code JobStarted} event; other events are ignored. */
    public synchronized void observed(JobEvent event) {
        if (event.hasStarted() && !event.getStarted().getRunner().isEmpty()) {
            jobByRunner.put(event.getStarted().getRunner(), event.getJobId());
        }
    }

    /**
     * The job taken by runner {@code runnerName}: the runner itself, or a pod of it (a Kubernetes Job named
     * {@code outpost-job-runner-abc} runs pod {@code outpost-job-runner-abc-x7k2q}).
     */
    public synchronized Optional<String> jobOf(String runnerName) {
        String exact = jobByRunner.get(runnerName);
        if (exact != null) {
            return Optional.of(exact);
        }
        return jobByRunner.entrySet().stream()
                .filter(e -> e.getKey().startsWith(runnerName + "-"))
                .map(Map.Entry::getValue)
                .reduce((first, later) -> later);
    }
}
