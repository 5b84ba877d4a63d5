package dev.outpost.resultsreader;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.outpost.edge.InteractiveResponder;
import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest.KindCase;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Answers read_failing_rows, read_failing_groups and read_profile requests from the {@code results} queue for as long
 * as the service runs, and sweeps expired pre-signed pages: at start (objects a crashed replica left) and then every
 * {@code outpost.results-reader.presigned-sweep-interval}.
 */
@ApplicationScoped
class ResultsRequests {

    private static final Logger LOG = Logger.getLogger(ResultsRequests.class);

    private final QueueClient queues;
    private final FailingRowPages rows;
    private final FailingGroupPages groups;
    private final Profiles profiles;
    private final PresignedPages presigned;
    private final ResultsReaderConfig config;
    private InteractiveResponder responder;
    private ScheduledExecutorService sweeper;

    ResultsRequests(QueueClient queues, FailingRowPages rows, FailingGroupPages groups, Profiles profiles,
            PresignedPages presigned, ResultsReaderConfig config) {
        this.queues = queues;
        this.rows = rows;
        this.groups = groups;
        this.profiles = profiles;
        this.presigned = presigned;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        responder = InteractiveResponder.start(queues, OutpostQueue.RESULTS, Map.of(
                KindCase.READ_FAILING_ROWS, request -> InteractiveReply.newBuilder()
                        .setReadFailingRows(rows.read(request.getReadFailingRows())),
                KindCase.READ_FAILING_GROUPS, request -> InteractiveReply.newBuilder()
                        .setReadFailingGroups(groups.read(request.getReadFailingGroups())),
                KindCase.READ_PROFILE, request -> InteractiveReply.newBuilder()
                        .setReadProfile(profiles.read(request.getReadProfile()))),
                config.visibility(), config.concurrentRequests());
        sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("presigned-page-sweeper").factory());
        sweeper.scheduleWithFixedDelay(this::sweep, 0, config.presignedSweepInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            presigned.sweep(Instant.now());
        } catch (RuntimeException e) {
            // The next sweep retries; the bucket's lifecycle rule is the backstop (docs/configuration.md).
            LOG.warnf(e, "Sweeping expired pre-signed pages under %s failed", presigned.folder());
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        sweeper.shutdownNow();
        responder.close();
    }
}
