package dev.outpost.planemanager.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.util.JsonFormat;

import dev.outpost.localcloud.LocalS3;
import dev.outpost.planemanager.Await;
import dev.outpost.proto.audit.v1.EgressRecord;
import dev.outpost.proto.edgelink.v1.CommandAck;
import dev.outpost.proto.edgelink.v1.EdgeFrame;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The audit log when the bucket cannot be written, against a real S3 API (S3Proxy) whose bucket does not exist yet:
 * frames are never held back, records wait and are retried, and records given up beyond the limit leave a gap record.
 */
class EgressAuditTest {

    private static final String EDGE = "edge-1";
    private static final Pattern AUDIT_OBJECT = Pattern.compile("[a-z/]+/" + EDGE
            + "/\\d{4}/\\d{2}/\\d{2}/\\d{2}/replica-a-\\d{8}T\\d{9}Z-\\d+\\.jsonl(\\.gz)?");

    private LocalS3 server;
    private S3Client s3;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final String bucket = "audit-" + UUID.randomUUID();
    private EgressAudit audit;

    @BeforeEach
    void startS3() {
        server = LocalS3.startInMemory();
        // A PUT into a missing bucket sometimes leaves the URL connection waiting for an answer S3Proxy never sends;
        // a short socket timeout turns that into the quick failure a real bucket outage gives.
        s3 = S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of(LocalS3.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMillis(500)).build())
                .build();
    }

    @AfterEach
    void stop() {
        audit.close();
        s3.close();
        server.close();
    }

    @Test
    void recordsWaitWhileTheBucketFailsAndAreWrittenOnceItWorks() throws Exception {
        audit = new EgressAudit(s3, settings(100_000, false), bucket, "audit/egress/", EDGE, "replica-a", meters);
        for (long seq = 1; seq <= 3; seq++) {
            audit.sent(ack(seq));
        }
        Await.until(() -> meters.counter("outpost.egress.audit.write.failures").count() >= 2,
                "failed writes retried");
        assertThat(audit.pendingRecords()).isEqualTo(3);

        s3.createBucket(b -> b.bucket(bucket));
        Await.until(() -> records().size() == 3, "the waiting records written");
        assertThat(records()).extracting(EgressRecord::getCommandSeq).containsExactly(1L, 2L, 3L);
        assertThat(audit.pendingRecords()).isZero();
        assertThat(meters.counter("outpost.egress.audit.records", "outcome", "written").count()).isEqualTo(3);
    }

    @Test
    void recordsGivenUpBeyondTheLimitLeaveAGapRecord() throws Exception {
        audit = new EgressAudit(s3, settings(2, false), bucket, "audit/egress/", EDGE, "replica-a", meters);
        for (long seq = 1; seq <= 5; seq++) {
            audit.sent(ack(seq));
        }
        assertThat(audit.pendingRecords()).isEqualTo(2);
        assertThat(meters.counter("outpost.egress.audit.records", "outcome", "lost").count()).isEqualTo(3);

        s3.createBucket(b -> b.bucket(bucket));
        Await.until(() -> audit.pendingRecords() == 0, "the kept records written");
        // Which two are kept, and whether the gap is reported in one record or two, depends on which batch was being
        // written when the others came (a batch's gap is fixed at its first attempt); never the newest. Read in order,
        // every acknowledgement sits exactly where its sequence number says: each lost record counted once, in place.
        long position = 0;
        List<Long> kept = new ArrayList<>();
        for (EgressRecord record : records()) {
            if (record.getType().equals("audit_gap")) {
                assertThat(record.getLostRecords()).as("a gap record's count").isPositive();
                position += record.getLostRecords();
            } else {
                position++;
                assertThat(record.getCommandSeq()).as("the acknowledgement after %d records", position - 1)
                        .isEqualTo(position);
                kept.add(record.getCommandSeq());
            }
        }
        assertThat(position).as("records kept plus records reported lost").isEqualTo(5);
        assertThat(kept).hasSize(2).contains(5L);
        assertThat(meters.counter("outpost.egress.audit.records", "outcome", "written").count()).isEqualTo(2);
    }

    @Test
    void gzippedObjectsHoldTheSameJsonLines() throws Exception {
        s3.createBucket(b -> b.bucket(bucket));
        audit = new EgressAudit(s3, settings(100_000, true), bucket, "outpost/audit/egress/", EDGE, "replica-a",
                meters);
        audit.sent(ack(7));

        Await.until(() -> !auditObjectKeys().isEmpty(), "the object written");
        String key = auditObjectKeys().get(0);
        assertThat(key).startsWith("outpost/audit/egress/" + EDGE + "/").endsWith(".jsonl.gz");
        byte[] gzipped = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        String text = new String(new GZIPInputStream(new ByteArrayInputStream(gzipped)).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"time\":\"").contains("\"type\":\"command_ack\"", "\"command_seq\":\"7\"")
                .endsWith("}\n");
    }

    private static EdgeFrame ack(long seq) {
        return EdgeFrame.newBuilder().setCommandAck(CommandAck.newBuilder().setSeq(seq)).build();
    }

    /** One record per batch (flush at 1 byte), fast retries. */
    private static EgressConfig.Audit settings(int maxPendingRecords, boolean gzip) {
        return new EgressConfig.Audit() {
            @Override
            public Optional<String> bucket() {
                return Optional.empty();
            }

            @Override
            public String prefix() {
                return "audit/egress/";
            }

            @Override
            public Duration flushInterval() {
                return Duration.ofMillis(50);
            }

            @Override
            public int flushBytes() {
                return 1;
            }

            @Override
            public boolean gzip() {
                return gzip;
            }

            @Override
            public Duration writeTimeout() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Duration retryMax() {
                return Duration.ofMillis(100);
            }

            @Override
            public int maxPendingRecords() {
                return maxPendingRecords;
            }
        };
    }

    /** Every record in the bucket, in key order (objects are numbered in the order they were started). */
    private List<EgressRecord> records() throws Exception {
        List<EgressRecord> records = new ArrayList<>();
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
            return records;
        }
        for (String key : auditObjectKeys()) {
            for (String line : s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8)
                    .split("\n")) {
                EgressRecord.Builder record = EgressRecord.newBuilder();
                JsonFormat.parser().usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder()
                        .add(EdgeFrame.getDescriptor()).build()).merge(line, record);
                records.add(record.build());
            }
        }
        return records;
    }

    /**
     * The audit objects in the bucket, in the order they were started. S3Proxy stores a write under a temporary name
     * first (the key, a dash and a UUID), listed and then gone once it is moved into place; only the log's names count.
     */
    private List<String> auditObjectKeys() {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key)
                .filter(key -> AUDIT_OBJECT.matcher(key).matches())
                .sorted((a, b) -> Long.compare(number(a), number(b))).toList();
    }

    private static long number(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf('-') + 1, key.indexOf(".jsonl")));
    }
}
