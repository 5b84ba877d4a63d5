package dev.outpost.resultsreader;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;

import dev.outpost.edge.ResultsConfig;
import dev.outpost.proto.interactive.v1.PresignedPage;
import dev.outpost.proto.interactive.v1.Row;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Decrypted pages written to temporary objects in the customer's results bucket, under
 * {@code <results prefix>}{@value #FOLDER}, each behind a pre-signed GET URL that works for
 * {@code outpost.results-reader.presigned-expiry} (at most {@link #MAX_EXPIRY}). An object's name starts with its
 * expiry, so {@link #sweep} can delete expired objects without reading them: the ones this replica wrote and the ones
 * a replica that crashed left behind.
 */
@ApplicationScoped
class PresignedPages {

    /** The longest a pre-signed page may be fetched: a URL to customer rows should not outlive a person's click. */
    static final Duration MAX_EXPIRY = Duration.ofMinutes(5);
    /** The folder, under the results prefix, holding the temporary objects (and only them). */
    static final String FOLDER = "tmp/presigned-pages/";
    /** What a temporary object holds: {@code {"columns":[…],"rows":[[…],…]}}, JSON null for null. */
    static final String CONTENT_TYPE = "application/json";

    private static final Logger LOG = Logger.getLogger(PresignedPages.class);
    private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

    private final S3Client s3;
    private final S3Presigner presigner;
    private final boolean ownPresigner;
    private final ResultsConfig results;
    private final Duration expiry;

    PresignedPages(S3Client s3, S3Presigner presigner, ResultsConfig results, ResultsReaderConfig config,
            @ConfigProperty(name = "quarkus.s3.path-style-access", defaultValue = "false") boolean pathStyle) {
        this.s3 = s3;
        this.ownPresigner = config.presignedEndpoint().isPresent();
        this.presigner = config.presignedEndpoint().map(endpoint -> presigner(s3, endpoint, pathStyle))
                .orElse(presigner);
        this.results = results;
        this.expiry = cappedExpiry(config.presignedExpiry());
    }

    /**
     * A presigner for URLs that name {@code endpoint} instead of the endpoint results-reader itself uses, with its
     * client's region and credentials: the signature covers the host, so it must be signed for the one the person's
     * client will call.
     */
    private static S3Presigner presigner(S3Client s3, URI endpoint, boolean pathStyle) {
        S3ServiceClientConfiguration client = s3.serviceClientConfiguration();
        return S3Presigner.builder()
                .region(client.region())
                .credentialsProvider(client.credentialsProvider())
                .endpointOverride(endpoint)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build())
                .build();
    }

    @PreDestroy
    void close() {
        if (ownPresigner) {
            presigner.close();
        }
    }

    /** {@code configured}, or {@link #MAX_EXPIRY} (logged) when longer. */
    static Duration cappedExpiry(Duration configured) {
        if (configured.compareTo(MAX_EXPIRY) > 0) {
            LOG.warnf("outpost.results-reader.presigned-expiry is %s, more than the %s a pre-signed page may live; "
                    + "using %s", configured, MAX_EXPIRY, MAX_EXPIRY);
            return MAX_EXPIRY;
        }
        if (configured.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("outpost.results-reader.presigned-expiry is " + configured
                    + ": a pre-signed URL must work for at least 1s; use 1s to " + MAX_EXPIRY.toMinutes() + "m");
        }
        return configured;
    }

    /** Writes {@code rows} to a new temporary object and returns where to fetch it. */
    PresignedPage write(List<String> columns, List<Row> rows) {
        Instant expiresAt = Instant.now().plus(expiry);
        String key = folder() + expiresAt.toEpochMilli() + "-" + UUID.randomUUID() + ".json";
        s3.putObject(b -> b.bucket(results.bucket()).key(key).contentType(CONTENT_TYPE)
                .cacheControl("no-store"), RequestBody.fromBytes(json(columns, rows)));
        // Signed for what is left of the object's life, so the URL never outlives the name's expiry the sweep uses.
        Duration left = Duration.between(Instant.now(), expiresAt);
        var signed = presigner.presignGetObject(b -> b.signatureDuration(left)
                .getObjectRequest(get -> get.bucket(results.bucket()).key(key)));
        return PresignedPage.newBuilder()
                .setUrl(signed.url().toString())
                .setExpiresAtMillis(signed.expiration().toEpochMilli())
                .setContentType(CONTENT_TYPE)
                .setRows(rows.size())
                .build();
    }

    /**
     * Deletes the temporary objects whose expiry passed before {@code now}; an object whose name carries no expiry
     * (not written by results-reader) once it is older than {@link #MAX_EXPIRY}.
     *
     * @return how many objects were deleted
     */
    int sweep(Instant now) {
        int deleted = 0;
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(results.bucket()).prefix(folder())).contents()) {
            if (expiry(object).isBefore(now)) {
                s3.deleteObject(b -> b.bucket(results.bucket()).key(object.key()));
                deleted++;
            }
        }
        if (deleted > 0) {
            LOG.debugf("Deleted %d expired pre-signed pages", deleted);
        }
        return deleted;
    }

    /** The temporary objects' folder, results prefix included. */
    String folder() {
        return results.prefix().orElse("") + FOLDER;
    }

    private static Instant expiry(S3Object object) {
        String name = object.key().substring(object.key().lastIndexOf('/') + 1);
        int dash = name.indexOf('-');
        try {
            return Instant.ofEpochMilli(Long.parseLong(name.substring(0, Math.max(dash, 0))));
        } catch (NumberFormatException e) {
            return object.lastModified().plus(MAX_EXPIRY);
        }
    }

    private static byte[] json(List<String> columns, List<Row> rows) {
        ListValue.Builder header = ListValue.newBuilder();
        columns.forEach(column -> header.addValues(Value.newBuilder().setStringValue(column)));
        ListValue.Builder body = ListValue.newBuilder();
        for (Row row : rows) {
            ListValue.Builder values = ListValue.newBuilder();
            for (int i = 0; i < row.getValuesCount(); i++) {
                values.addValues(row.getNullsList().contains(i)
                        ? Value.newBuilder().setNullValue(NullValue.NULL_VALUE)
                        : Value.newBuilder().setStringValue(row.getValues(i)));
            }
            body.addValues(Value.newBuilder().setListValue(values));
        }
        Struct page = Struct.newBuilder()
                .putFields("columns", Value.newBuilder().setListValue(header).build())
                .putFields("rows", Value.newBuilder().setListValue(body).build())
                .build();
        try {
            return JSON.print(page).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("A Struct always prints as JSON", e);
        }
    }
}
