package dev.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.outpost.embedded.ControlApiClient;
import dev.outpost.embedded.DemoDataset;
import dev.outpost.embedded.Mesh;
import dev.outpost.embedded.MeshException;
import dev.outpost.embedded.OutpostService;
import dev.outpost.embedded.Poll;
import dev.outpost.embedded.TextTable;
import dev.outpost.sqs.OutpostQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Nothing is lost on the link: while a stream of jobs runs, the edge's link is cut; the edge falls silent on a link
 * that stays open, until control-api shows it disconnected from the missing heartbeats; control-api is killed
 * (SIGKILL) and started again on its port and database; plane-manager is killed and started again, once at a random
 * moment and once after its acknowledgements of RunJobs were lost. After each fault every job still ends exactly
 * once, with the counts planted in the demo data; a job run twice (its RunJob sent again after the crash) is harmless
 * because the first result stands and no result changes afterwards.
 *
 * <p>Each phase submits half its jobs, waits until a runner works on one, injects the fault, submits the rest, then
 * waits until every job ended and the compute plane is idle (no job or event left on its queues, in flight or not).
 * The phase without a fault is the baseline. The counts per phase are printed and written to
 * {@code target/link-faults.txt}.
 */
@Order(2)
@ExtendWith(SharedMesh.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LinkFaultsIT {

    private static final int JOBS_PER_PHASE = 6;
    /** Generous: a crashed link's unacknowledged events come back only after plane-manager's 30 s ack timeout. */
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Pattern TOOK_JOB = Pattern.compile("Took job (\\S+)");

    private static Mesh mesh;
    private static ControlApiClient api;
    private static LinkRelay relay;
    private static String dataSourceId;
    private static String ruleSetId;
    /** Every job of this class, as first seen ended. */
    private static final Map<String, JsonNode> ENDED = new LinkedHashMap<>();
    private static final TextTable COUNTS = new TextTable(60, "fault", ">submitted", ">completed", ">failed",
            ">stuck", ">runs", ">duplicate runs", ">dead letters", ">unfinished at fault", "recovery",
            "fault to all done");
    private static final List<String> NOTES = new ArrayList<>();

    /** What is done to the link in a phase. */
    private enum Fault {
        NONE("none (baseline)"),
        LINK_CUT("edge's link cut"),
        EDGE_SILENT("edge silent until shown disconnected"),
        CONTROL_API_KILLED("control-api killed"),
        PLANE_MANAGER_KILLED("plane-manager killed"),
        ACKS_LOST_THEN_PLANE_MANAGER_KILLED("acks lost, plane-manager killed");

        private final String label;

        Fault(String label) {
            this.label = label;
        }
    }

    /**
     * One phase's outcome.
     *
     * @param jobs        the phase's jobs, each as it ended
     * @param runs        runner takes of each job, from the job-runners' logs
     * @param deadLetters messages on the dead-letter queues after the phase
     */
    private record Phase(Map<String, JsonNode> jobs, Map<String, Integer> runs, Map<String, Long> deadLetters) {
    }

    @BeforeAll
    static void uploadTheDemoData(Mesh shared, LinkRelay sharedRelay) {
        mesh = shared;
        api = mesh.api();
        relay = sharedRelay;
        mesh.upload(Mesh.DATA_BUCKET, "link-faults/customers/" + DemoDataset.FILE_NAME, DemoDataset.data());
        dataSourceId = api.createDataSource("link-faults-customers", mesh.edgeId(), Mesh.DATA_BUCKET,
                "link-faults/customers/", "csv").path("id").asText();
        ruleSetId = api.createRuleSet("link-faults-rules", DemoDataset.rulesYaml()).path("id").asText();
    }

    @AfterAll
    static void reportTheCounts() throws IOException {
        String report = "Jobs per fault (each phase: " + JOBS_PER_PHASE + " jobs, half submitted before the fault)\n"
                + COUNTS.render() + NOTES.stream().map(note -> "  " + note + "\n").collect(Collectors.joining());
        System.out.println("[link-faults]\n" + report);
        Path file = Path.of(System.getProperty("outpost.it.report-dir", "target")).resolve("link-faults.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report, StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void withoutAFaultEveryJobEndsWithThePlantedCounts() {
        assertEveryJobEndedOnceWithThePlantedCounts(run(Fault.NONE));
    }

    @Test
    @Order(2)
    void aCutLinkLosesNoJob() {
        assertEveryJobEndedOnceWithThePlantedCounts(run(Fault.LINK_CUT));
    }

    @Test
    @Order(3)
    void aSilentEdgeIsShownDisconnectedAndLosesNoJobNorRunsOneTwice() {
        Phase phase = run(Fault.EDGE_SILENT);
        assertEveryJobEndedOnceWithThePlantedCounts(phase);
        // plane-manager stayed up and remembers what it acknowledged: RunJobs sent again on a new link are not redone.
        assertThat(duplicateRuns(phase)).as("runs beyond the first, by job: %s", phase.runs()).isZero();
    }

    @Test
    @Order(4)
    void killingControlApiLosesNoJob() {
        assertEveryJobEndedOnceWithThePlantedCounts(run(Fault.CONTROL_API_KILLED));
    }

    @Test
    @Order(5)
    void killingPlaneManagerLosesNoJob() {
        assertEveryJobEndedOnceWithThePlantedCounts(run(Fault.PLANE_MANAGER_KILLED));
    }

    @Test
    @Order(6)
    void jobsWhoseRunJobCameAgainAfterACrashRunTwiceHarmlessly() {
        Phase phase = run(Fault.ACKS_LOST_THEN_PLANE_MANAGER_KILLED);
        assertEveryJobEndedOnceWithThePlantedCounts(phase);
        assertThat(duplicateRuns(phase)).as("runs beyond the first, by job: %s", phase.runs()).isPositive();
    }

    @Test
    @Order(7)
    void noJobChangedItsOutcomeAfterItEndedAndNoJobOfTheControlPlaneIsLeftOpen() {
        assertThat(ENDED).as("jobs of the phases before").isNotEmpty();
        ENDED.forEach((id, first) -> assertThat(api.job(id)).as("job %s now vs. when it first ended", id)
                .isEqualTo(first));
        List<String> open = new ArrayList<>();
        api.send("GET", "/api/v1/jobs?limit=500", null).forEach(job -> {
            if (!ended(job)) {
                open.add(job.path("id").asText() + " " + job.path("state").asText());
            }
        });
        assertThat(open).as("jobs of the control plane not ended (any class's)").isEmpty();
    }

    private static Phase run(Fault fault) {
        List<String> jobs = new ArrayList<>();
        submit(jobs, JOBS_PER_PHASE / 2);
        Poll.until("a runner to start one of " + jobs, Duration.ofMinutes(3), POLL_INTERVAL, () -> jobs.stream()
                .map(api::job).filter(job -> !"queued".equals(job.path("state").asText())).findAny(),
                mesh::requireHealthy);
        long unfinishedAtFault = jobs.stream().map(api::job).filter(job -> !ended(job)).count();

        long faultAt = System.nanoTime();
        Instant faultInstant = Instant.now();
        switch (fault) {
            case NONE -> submit(jobs, JOBS_PER_PHASE - jobs.size());
            case LINK_CUT -> {
                int cut = relay.cut();
                NOTES.add(fault.label + ": " + cut + " connection(s) reset by the relay");
                submit(jobs, JOBS_PER_PHASE - jobs.size());
                mesh.awaitEdgeLinkedAfter(faultInstant);
            }
            case EDGE_SILENT -> {
                // A half-open link: control-api's frames reach the edge, the edge's (acknowledgements, events,
                // heartbeats) are lost. Only the missing heartbeats can tell control-api.
                relay.silenceTheEdge(true);
                submit(jobs, JOBS_PER_PHASE - jobs.size());
                Poll.until("control-api to show the silent edge disconnected", Duration.ofMinutes(2), POLL_INTERVAL,
                        () -> "disconnected".equals(api.edge(mesh.edgeId()).path("status").asText())
                                ? Optional.of(true) : Optional.empty(),
                        mesh::requireHealthy);
                NOTES.add(fault.label + ": control-api showed the edge disconnected " + Poll.since(faultAt)
                        + " after it fell silent");
                relay.silenceTheEdge(false);
                Instant cut = Instant.now();
                relay.cut(); // bytes of the edge's TLS stream were dropped: only a new link can carry on
                mesh.awaitEdgeLinkedAfter(cut);
            }
            case CONTROL_API_KILLED -> {
                mesh.kill(OutpostService.CONTROL_API);
                mesh.startAgain(OutpostService.CONTROL_API);
                submit(jobs, JOBS_PER_PHASE - jobs.size());
            }
            case PLANE_MANAGER_KILLED -> {
                mesh.kill(OutpostService.PLANE_MANAGER);
                // Submitted while the edge is away: their RunJobs wait in control-api's outbox.
                submit(jobs, JOBS_PER_PHASE - jobs.size());
                mesh.startAgain(OutpostService.PLANE_MANAGER);
            }
            case ACKS_LOST_THEN_PLANE_MANAGER_KILLED -> {
                // plane-manager acts on the RunJobs but control-api never hears their acknowledgements; after the
                // crash control-api sends them again, and the new plane-manager (which remembers nothing) queues
                // each job a second time.
                relay.silenceTheEdge(true);
                List<String> unacknowledged = new ArrayList<>();
                submit(unacknowledged, JOBS_PER_PHASE - jobs.size());
                jobs.addAll(unacknowledged);
                Poll.until("a runner to take one of " + unacknowledged, Duration.ofMinutes(3), POLL_INTERVAL,
                        () -> runsPerJob(unacknowledged).isEmpty() ? Optional.empty() : Optional.of(true),
                        mesh::requireHealthy);
                mesh.kill(OutpostService.PLANE_MANAGER);
                relay.silenceTheEdge(false);
                mesh.startAgain(OutpostService.PLANE_MANAGER);
            }
        }
        String recovery = fault == Fault.NONE ? "-" : Poll.since(faultAt);

        Map<String, JsonNode> ended = awaitEnded(fault, jobs);
        String allDone = Poll.since(faultAt);
        awaitIdleComputePlane(fault);
        Phase phase = new Phase(ended, runsPerJob(jobs), deadLetters());

        long completed = ended.values().stream().filter(job -> "succeeded".equals(job.path("state").asText())).count();
        int runs = phase.runs().values().stream().mapToInt(Integer::intValue).sum();
        int duplicates = duplicateRuns(phase);
        long deadLetters = phase.deadLetters().values().stream().mapToLong(Long::longValue).sum();
        COUNTS.row(fault.label, jobs.size(), completed, ended.size() - completed, jobs.size() - ended.size(), runs,
                duplicates, deadLetters, unfinishedAtFault, recovery, allDone);
        return phase;
    }

    /** Runs beyond the first of each job. */
    private static int duplicateRuns(Phase phase) {
        return phase.runs().values().stream().mapToInt(n -> Math.max(0, n - 1)).sum();
    }

    private static void assertEveryJobEndedOnceWithThePlantedCounts(Phase phase) {
        String planted = outcome(DemoDataset.CHECKS.stream()
                .map(check -> new Outcome(check.name(), DemoDataset.ROWS, check.rowsFailed(), check.passes()))
                .toList());
        assertThat(phase.jobs()).hasSize(JOBS_PER_PHASE);
        phase.jobs().forEach((id, job) -> {
            assertThat(job.path("state").asText()).as("job %s: %s", id, job).isEqualTo("succeeded");
            List<Outcome> checks = new ArrayList<>();
            job.path("result").path("checks").forEach(check -> checks.add(new Outcome(check.path("name").asText(),
                    check.path("rowsChecked").asLong(), check.path("rowsFailed").asLong(),
                    check.path("passed").asBoolean())));
            assertThat(outcome(checks)).as("checks of job %s", id).isEqualTo(planted);
            assertThat(phase.runs().getOrDefault(id, 0)).as("runners that took job %s", id).isPositive();
        });
        assertThat(phase.deadLetters()).as("messages on dead-letter queues")
                .allSatisfy((queue, count) -> assertThat(count).as(queue).isZero());
    }

    /** A check's outcome, compared as text so that a mismatch shows every check at once. */
    private record Outcome(String name, long rowsChecked, long rowsFailed, boolean passed) {
    }

    private static String outcome(List<Outcome> checks) {
        return checks.stream().map(check -> String.format(Locale.ROOT, "%s: %d checked, %d failed, %s",
                check.name(), check.rowsChecked(), check.rowsFailed(), check.passed() ? "passed" : "not passed"))
                .collect(Collectors.joining("\n"));
    }

    private static void submit(List<String> jobs, int count) {
        for (int i = 0; i < count; i++) {
            jobs.add(api.submitJob(dataSourceId, ruleSetId, null).path("id").asText());
        }
    }

    /**
     * Waits until every job ended, remembering each as first seen ended; fails on a job whose outcome changes once
     * ended, and names the jobs still open (with the dead letters) when the deadline passes.
     */
    private static Map<String, JsonNode> awaitEnded(Fault fault, List<String> jobs) {
        Map<String, JsonNode> ended = new LinkedHashMap<>();
        Map<String, String> open = new TreeMap<>();
        try {
            return Poll.until("the jobs of phase '" + fault.label + "' to end", PHASE_TIMEOUT, POLL_INTERVAL, () -> {
                open.clear();
                for (String id : jobs) {
                    JsonNode job = api.job(id);
                    JsonNode first = ended.get(id);
                    if (first != null && !first.equals(job)) {
                        fail("job %s changed after it ended: first %s, now %s", id, first, job);
                    }
                    if (ended(job)) {
                        ended.putIfAbsent(id, job);
                        ENDED.putIfAbsent(id, job);
                    } else {
                        open.put(id, job.path("state").asText() + " (" + job.path("progressMessage").asText() + ")");
                    }
                }
                return open.isEmpty() ? Optional.of(ended) : Optional.empty();
            }, mesh::requireHealthy);
        } catch (MeshException e) {
            COUNTS.row(fault.label, jobs.size(), "?", "?", open.size(), "?", "?", "?", "?", "?", "timed out");
            throw new AssertionError(e.getMessage() + "; jobs not ended: " + open + "; dead letters: "
                    + deadLetters(), e);
        }
    }

    /** Waits until no job or event is left on the compute plane's queues, so a second runner of a job is done too. */
    private static void awaitIdleComputePlane(Fault fault) {
        try (SqsClient sqs = mesh.newSqsClient()) {
            Poll.until("the jobs and job-events queues to drain after phase '" + fault.label + "'", PHASE_TIMEOUT,
                    POLL_INTERVAL, () -> depth(sqs, OutpostQueue.JOBS.queueName(Mesh.QUEUE_PREFIX)) == 0
                            && depth(sqs, OutpostQueue.JOB_EVENTS.queueName(Mesh.QUEUE_PREFIX)) == 0
                                    ? Optional.of(true) : Optional.empty(),
                    mesh::requireHealthy);
        }
    }

    /** Messages on every dead-letter queue, by queue. */
    private static Map<String, Long> deadLetters() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (SqsClient sqs = mesh.newSqsClient()) {
            for (OutpostQueue queue : OutpostQueue.values()) {
                String name = queue.deadLetterQueueName(Mesh.QUEUE_PREFIX);
                counts.put(name, depth(sqs, name));
            }
        }
        return counts;
    }

    /** Messages on a queue, visible or in flight. */
    private static long depth(SqsClient sqs, String queueName) {
        String url = sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** How many job-runners took each of {@code jobs}, from what the runners logged. */
    private static Map<String, Integer> runsPerJob(List<String> jobs) {
        Map<String, Integer> runs = new LinkedHashMap<>();
        try (Stream<Path> logs = Files.list(mesh.jobRunnerLogDir())) {
            for (Path log : logs.toList()) {
                Matcher took = TOOK_JOB.matcher(Files.readString(log, StandardCharsets.UTF_8));
                while (took.find()) {
                    if (jobs.contains(took.group(1))) {
                        runs.merge(took.group(1), 1, Integer::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read the job-runners' logs in " + mesh.jobRunnerLogDir(), e);
        }
        return runs;
    }

    private static boolean ended(JsonNode job) {
        String state = job.path("state").asText();
        return "succeeded".equals(state) || "failed".equals(state);
    }
}
