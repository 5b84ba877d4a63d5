package dev.outpost.edge;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.outpost.crypto.EnvelopeCipher;
import dev.outpost.proto.results.v1.FailingRowSamples;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The failing-row samples in the customer's results bucket. Every object is sealed with a fresh data key before it
 * is written, with its object key bound as associated data, so a copied or swapped object does not open.
 */
@ApplicationScoped
public class ResultsStore {

    private final S3Client s3;
    private final EnvelopeCipher cipher;
    private final ResultsConfig config;

    ResultsStore(S3Client s3, EnvelopeCipher cipher, ResultsConfig config) {
        this.s3 = s3;
        this.cipher = cipher;
        this.config = config;
    }

    /** Seals and writes the samples of one check; returns the object key. */
    public String write(FailingRowSamples samples) {
        String key = objectKey(samples.getJobId(), samples.getCheckName());
        byte[] sealed = cipher.seal(samples.toByteArray(), key);
        s3.putObject(b -> b.bucket(config.bucket()).key(key).contentType("application/octet-stream"),
                RequestBody.fromBytes(sealed));
        return key;
    }

    /** Reads and opens the samples of one check, or empty if none were stored. */
    public Optional<FailingRowSamples> read(String jobId, String checkName) {
        String key = objectKey(jobId, checkName);
        byte[] sealed;
        try {
            sealed = s3.getObjectAsBytes(b -> b.bucket(config.bucket()).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(FailingRowSamples.parseFrom(cipher.open(sealed, key)));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Results object " + key + " opened but does not hold failing rows", e);
        }
    }

    /** Where the samples of one check of one job live in the results bucket. */
    public String objectKey(String jobId, String checkName) {
        return config.prefix().orElse("") + "jobs/" + jobId + "/checks/" + checkName + "/failing-rows.bin";
    }

    /** The results bucket. */
    public String bucket() {
        return config.bucket();
    }
}
