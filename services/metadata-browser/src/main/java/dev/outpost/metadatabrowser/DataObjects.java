package dev.outpost.metadatabrowser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import dev.outpost.edge.InteractiveException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The customer's data objects as metadata-browser sees them: listed by prefix, sampled to infer columns. */
@ApplicationScoped
class DataObjects {

    /**
     * Objects under a prefix, ordered by key.
     *
     * @param truncated whether more objects exist than the limit let through
     */
    record Listing(List<S3Object> objects, boolean truncated) {
    }

    private final S3Client s3;
    private final BrowserConfig config;

    DataObjects(S3Client s3, BrowserConfig config) {
        this.s3 = s3;
        this.config = config;
    }

    /**
     * Lists at most {@code limit} objects under {@code prefix} whose key passes {@code keys}, leaving out folder
     * markers (keys ending in {@code /}).
     *
     * @throws InteractiveException NOT_FOUND for a missing bucket, INTERNAL when listing is denied
     */
    Listing list(String bucket, String prefix, Predicate<String> keys, int limit) {
        try {
            // One more than asked tells whether the listing is truncated; the paginator fetches pages lazily.
            List<S3Object> objects = s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                    .filter(object -> !object.key().endsWith("/") && keys.test(object.key()))
                    .limit(limit + 1L)
                    .toList();
            return objects.size() > limit ? new Listing(objects.subList(0, limit), true) : new Listing(objects, false);
        } catch (NoSuchBucketException e) {
            throw InteractiveException.notFound("Bucket '" + bucket + "' does not exist, or the edge's credentials "
                    + "cannot see it: fix the data source's bucket name or the edge's access to it");
        } catch (S3Exception e) {
            if (e.statusCode() == 403) {
                throw InteractiveException.internal("The edge's credentials may not list bucket '" + bucket
                        + "' (access denied): allow the compute plane s3:ListBucket and s3:GetObject on it");
            }
            throw e;
        }
    }

    /**
     * Copies enough of {@code object} to {@code target} for DuckDB to infer its columns: the first
     * {@link BrowserConfig#csvSampleBytes()} of an uncompressed line-based object (CSV, JSON lines), cut after its last
     * complete line; any other object whole, if it is within {@link BrowserConfig#maxInferenceBytes()}.
     *
     * @param lineBased whether the object is uncompressed CSV or JSON lines, whose head is readable on its own
     * @return true when the copy is the whole object, false when it is its first lines only
     * @throws InferenceException when the object is too big to infer or cannot be downloaded
     */
    boolean sample(String bucket, S3Object object, boolean lineBased, Path target) throws InferenceException {
        long sampleBytes = config.csvSampleBytes().asLongValue();
        try {
            if (lineBased && object.size() > sampleBytes) {
                downloadHead(bucket, object.key(), sampleBytes, target);
                return false;
            }
            long limit = config.maxInferenceBytes().asLongValue();
            if (object.size() > limit) {
                throw new InferenceException("larger than " + limit + " bytes, the most downloaded to infer columns "
                        + "(outpost.browser.max-inference-bytes): columns not inferred");
            }
            s3.getObject(b -> b.bucket(bucket).key(object.key()), target);
            return true;
        } catch (SdkException | IOException e) {
            throw new InferenceException("could not be downloaded (" + e.getClass().getSimpleName()
                    + "): columns not inferred");
        }
    }

    private void downloadHead(String bucket, String key, long bytes, Path target)
            throws IOException, InferenceException {
        byte[] head;
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key)
                .range("bytes=0-" + (bytes - 1)))) {
            head = readAtMost(in, bytes);
        }
        int end = lastLineEnd(head);
        if (end < 0) {
            throw new InferenceException("has no complete line in its first " + bytes + " bytes "
                    + "(outpost.browser.csv-sample-bytes): columns not inferred");
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(head, 0, end + 1);
        }
    }

    private static byte[] readAtMost(InputStream in, long bytes) throws IOException {
        // A server that ignores the Range header sends the whole object: read no more than asked.
        return in.readNBytes((int) Math.min(bytes, Integer.MAX_VALUE - 8));
    }

    private static int lastLineEnd(byte[] head) {
        for (int i = head.length - 1; i >= 0; i--) {
            if (head[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
