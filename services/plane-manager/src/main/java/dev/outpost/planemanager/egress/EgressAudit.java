package dev.outpost.planemanager.egress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Iterator;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.outpost.edge.ResultsConfig;
import dev.outpost.planemanager.EdgeIdentity;
import dev.outpost.proto.edgelink.v1.EdgeFrame;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The egress audit log: every frame plane-manager sends to the control plane is recorded here, at the one place frames
 * leave ({@code EdgeLinkClient}), and written in batches to new objects in the customer's bucket (never rewritten).
 *
 * <p>Recording never holds a frame back: the link's delivery must not depend on the bucket. A batch the bucket refuses
 * stays in memory and is retried with backoff; failures are logged (keys and counts, never content) and counted. Only
 * beyond {@code max-pending-records} are the oldest records given up, and the next object written starts with an
 * {@code audit_gap} record saying how many (docs/decisions/0006-egress-audit.md).
 */
@ApplicationScoped
public class EgressAudit {

    private static final Logger LOG = Logger.getLogger(EgressAudit.class);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Requests whose requester is remembered until their reply leaves; bounds memory if replies never come. */
    private static final int REMEMBERED_REQUESTERS = 10_000;
    private static final int PRECONDITION_FAILED = 412;

    private final S3Client s3;
    private final EgressConfig.Audit config;
    private final String bucket;
    private final String keyPrefix;
    private final String edgeId;
    private final String replicaId;
    private final Clock clock = Clock.systemUTC();
    private final String objectStem;
    private final ScheduledThreadPoolExecutor writer = new ScheduledThreadPoolExecutor(1,
            Thread.ofPlatform().name("egress-audit").daemon().factory());
    private final Map<String, String> requesters = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_REQUESTERS;
        }
    };
    private final Counter written;
    private final Counter lost;
    private final Counter writeFailures;

    // Guarded by this: the batch being filled, the sealed batches waiting to be written, and what was given up.
    private Batch filling;
    private final Deque<Batch> sealed = new ArrayDeque<>();
    private long pendingRecords;
    private long lostSinceLastWrite;
    private long objectsStarted;
    private Duration backoff;

    @Inject
    EgressAudit(S3Client s3, EgressConfig egress, ResultsConfig results, EdgeIdentity identity,
            MeterRegistry meters) {
        // In the results bucket, the log sits under the results prefix like everything else Outpost writes there.
        this(s3, egress.audit(), egress.audit().bucket().orElse(results.bucket()),
                (egress.audit().bucket().isPresent() ? "" : results.prefix().orElse("")) + egress.audit().prefix(),
                identity.edgeId(), identity.replicaId(), meters);
    }

    EgressAudit(S3Client s3, EgressConfig.Audit config, String bucket, String keyPrefix, String edgeId,
            String replicaId, MeterRegistry meters) {
        this.s3 = s3;
        this.config = config;
        this.bucket = bucket;
        this.keyPrefix = keyPrefix;
        this.edgeId = edgeId;
        this.replicaId = replicaId;
        this.objectStem = replicaId + "-" + START.format(clock.instant());
        this.backoff = config.flushInterval();
        this.written = meters.counter("outpost.egress.audit.records", "outcome", "written");
        this.lost = meters.counter("outpost.egress.audit.records", "outcome", "lost");
        this.writeFailures = meters.counter("outpost.egress.audit.write.failures");
        meters.gauge("outpost.egress.audit.pending.records", this, audit -> audit.pendingRecords());
        // At shutdown, close() writes what is left itself; a retry scheduled a minute ahead must not hold it up.
        writer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        long interval = config.flushInterval().toMillis();
        writer.scheduleWithFixedDelay(this::sealAndWrite, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Remembers who asked for {@code request}, so the record of its reply can name them. */
    public void requested(InteractiveRequest request) {
        if (!request.getRequestedBy().isEmpty()) {
            synchronized (requesters) {
                requesters.put(request.getRequestId(), request.getRequestedBy());
            }
        }
    }

    /** Records a frame that was just sent to the control plane. Never blocks on the bucket. */
    public void sent(EdgeFrame frame) {
        try {
            record(frame);
        } catch (RuntimeException e) {
            // The frame has left; failing its sender now would not bring it back. Counted and logged, not hidden.
            lost.increment();
            LOG.errorf(e, "Could not record a %s frame in the egress audit log", frame.getKindCase());
        }
    }

    private void record(EdgeFrame frame) {
        String requestedBy = "";
        if (frame.hasEvent() && frame.getEvent().hasInteractiveReply()) {
            synchronized (requesters) {
                requestedBy = requesters.getOrDefault(frame.getEvent().getInteractiveReply().getRequestId(), "");
            }
        }
        Instant now = clock.instant();
        byte[] line = EgressRecords.jsonLine(EgressRecords.of(frame, now, edgeId, replicaId,
                requestedBy)).getBytes(StandardCharsets.UTF_8);
        boolean full;
        synchronized (this) {
            String hour = HOUR.format(now);
            if (filling != null && !filling.hour.equals(hour)) {
                seal(); // one object per hour folder
            }
            if (filling == null) {
                filling = new Batch(hour);
            }
            filling.add(line);
            pendingRecords++;
            full = filling.bytes.size() >= config.flushBytes();
            if (full) {
                seal();
            }
            giveUpBeyondLimit();
        }
        if (full) {
            try {
                writer.execute(this::writeSealed);
            } catch (RejectedExecutionException e) {
                // Shutting down: close() writes the sealed batches.
            }
        }
    }

    /** Writes everything recorded so far, trying each batch once more; for shutdown, after the link is closed. */
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The egress audit writer did not finish within 10 s; writing what is left anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            seal();
        }
        writeSealed();
        synchronized (this) {
            if (pendingRecords > 0) {
                LOG.errorf("Shutting down with %d egress audit records that could not be written to bucket %s; "
                        + "they are lost (see the log above for why)", pendingRecords, bucket);
                lost.increment(pendingRecords);
            }
        }
    }

    synchronized long pendingRecords() {
        return pendingRecords;
    }

    private void sealAndWrite() {
        synchronized (this) {
            seal();
        }
        writeSealed();
    }

    private synchronized void seal() {
        if (filling != null && filling.records > 0) {
            sealed.addLast(filling);
        }
        filling = null;
    }

    private void giveUpBeyondLimit() {
        Iterator<Batch> oldestFirst = sealed.iterator();
        while (pendingRecords > config.maxPendingRecords() && oldestFirst.hasNext()) {
            Batch oldest = oldestFirst.next();
            if (oldest.inFlight) {
                continue;
            }
            oldestFirst.remove();
            pendingRecords -= oldest.records;
            lostSinceLastWrite += oldest.records;
            lost.increment(oldest.records);
            LOG.errorf("Gave up %d egress audit records: bucket %s could not be written for too long and more than "
                    + "%d records were waiting (outpost.edge.egress.audit.max-pending-records); the log will record "
                    + "the gap", oldest.records, bucket, config.maxPendingRecords());
        }
    }

    /** Writes sealed batches in order; on the first failure, retries later with backoff. Runs on the writer. */
    private void writeSealed() {
        try {
            writeBatches();
        } catch (RuntimeException e) {
            // Not the bucket (that is retried in writeBatches): a bug. Logged, and the periodic flush goes on.
            LOG.errorf(e, "Writing the egress audit log failed unexpectedly");
        }
    }

    private void writeBatches() {
        while (true) {
            Batch batch;
            synchronized (this) {
                batch = sealed.peekFirst();
                if (batch == null) {
                    backoff = config.flushInterval();
                    return;
                }
                if (batch.key == null) {
                    batch.key = objectKey(batch.hour);
                    batch.gap = lostSinceLastWrite;
                    batch.body = body(batch);
                }
                batch.inFlight = true;
            }
            try {
                put(batch.key, batch.body);
            } catch (S3Exception e) {
                if (e.statusCode() != PRECONDITION_FAILED || !alreadyWritten(batch)) {
                    retryLater(batch, e);
                    return;
                }
            } catch (RuntimeException e) {
                retryLater(batch, e);
                return;
            }
            synchronized (this) {
                batch.inFlight = false;
                sealed.remove(batch);
                pendingRecords -= batch.records;
                lostSinceLastWrite -= batch.gap;
            }
            written.increment(batch.records);
        }
    }

    /**
     * The store refused to replace an existing object. If it holds exactly this batch, an earlier attempt (ours or the
     * SDK's own retry) landed and only its answer was lost: the batch is written. Otherwise another writer holds the
     * name: the batch gets a new one.
     */
    private boolean alreadyWritten(Batch batch) {
        if (Arrays.equals(s3.getObjectAsBytes(b -> b.bucket(bucket).key(batch.key)).asByteArray(), batch.body)) {
            return true;
        }
        synchronized (this) {
            LOG.warnf("Egress audit object %s already exists with other records; writing the batch under a new name",
                    batch.key);
            batch.key = objectKey(batch.hour);
        }
        return false;
    }

    private void retryLater(Batch batch, RuntimeException failure) {
        writeFailures.increment();
        Duration retry;
        synchronized (this) {
            batch.inFlight = false;
            retry = backoff;
            backoff = backoff.multipliedBy(2).compareTo(config.retryMax()) > 0 ? config.retryMax()
                    : backoff.multipliedBy(2);
        }
        LOG.warnf("Could not write %d egress audit records to s3://%s/%s (%s: %s); retrying in %d ms",
                batch.records, bucket, batch.key, failure.getClass().getSimpleName(), failure.getMessage(),
                retry.toMillis());
        try {
            writer.schedule(this::writeSealed, retry.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down: close() tries once more.
        }
    }

    private byte[] body(Batch batch) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(batch.bytes.size() + 256);
        try (var out = config.gzip() ? new GZIPOutputStream(body) : body) {
            if (batch.gap > 0) {
                out.write(EgressRecords.jsonLine(EgressRecords.gap(clock.instant(), edgeId,
                        replicaId, batch.gap)).getBytes(StandardCharsets.UTF_8));
            }
            batch.bytes.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return body.toByteArray();
    }

    private void put(String key, byte[] body) {
        s3.putObject(b -> b.bucket(bucket).key(key)
                        // A hung write must not stall the log: it fails and is retried like any other.
                        .overrideConfiguration(o -> o.apiCallTimeout(config.writeTimeout()))
                        .contentType(config.gzip() ? "application/gzip" : "application/x-ndjson")
                        // Append-only: where the store supports conditional writes, an existing object is never
                        // replaced, not even by a replica that reused a name.
                        .ifNoneMatch("*"),
                RequestBody.fromBytes(body));
    }

    private String objectKey(String hour) {
        return keyPrefix + edgeId + "/" + hour + "/" + objectStem + "-" + (++objectsStarted)
                + (config.gzip() ? ".jsonl.gz" : ".jsonl");
    }

    /** Records waiting to be written to one object. */
    private static final class Batch {
        final String hour;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int records;
        /** Key and content, fixed at the first attempt and kept for retries, so a write that landed is recognised. */
        String key;
        byte[] body;
        /** The given-up records the body's {@code audit_gap} record reports. */
        long gap;
        /** Being written: not given up even when over the limit. */
        boolean inFlight;

        Batch(String hour) {
            this.hour = hour;
        }

        void add(byte[] line) {
            bytes.writeBytes(line);
            records++;
        }
    }
}
