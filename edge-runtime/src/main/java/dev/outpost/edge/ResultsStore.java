package dev.outpost.edge;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;

import dev.outpost.crypto.EnvelopeCipher;
import dev.outpost.proto.results.v1.FailingGroups;
import dev.outpost.proto.results.v1.FailingRowSamples;
import dev.outpost.proto.results.v1.ProfileValues;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The failing-row samples, failing groups and profile values in the customer's results bucket. Every object is sealed
 * with a fresh data key before it is written, with its object key bound as associated data, so a copied or swapped
 * object does not open.
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
        return seal(objectKey(samples.getJobId(), samples.getCheckName()), samples);
    }

    /** Seals and writes the failing groups of one {@code group_by} check; returns the object key. */
    public String write(FailingGroups groups) {
        return seal(failingGroupsKey(groups.getJobId(), groups.getCheckName()), groups);
    }

    /** Seals and writes the value-bearing part of one profiling job's profile; returns the object key. */
    public String write(ProfileValues profile) {
        return seal(profileKey(profile.getJobId()), profile);
    }

    /** Reads and opens the samples of one check, or empty if none were stored. */
    public Optional<FailingRowSamples> read(String jobId, String checkName) {
        return open(objectKey(jobId, checkName), FailingRowSamples.parser(), "failing rows");
    }

    /** Reads and opens the failing groups of one check, or empty if none were stored. */
    public Optional<FailingGroups> readFailingGroups(String jobId, String checkName) {
        return open(failingGroupsKey(jobId, checkName), FailingGroups.parser(), "failing groups");
    }

    /** Reads and opens the profile values of one job, or empty if none were stored. */
    public Optional<ProfileValues> readProfile(String jobId) {
        return open(profileKey(jobId), ProfileValues.parser(), "profile values");
    }

    private String seal(String key, MessageLite message) {
        byte[] sealed = cipher.seal(message.toByteArray(), key);
        s3.putObject(b -> b.bucket(config.bucket()).key(key).contentType("application/octet-stream"),
                RequestBody.fromBytes(sealed));
        return key;
    }

    private <T> Optional<T> open(String key, Parser<T> parser, String holds) {
        byte[] sealed;
        try {
            sealed = s3.getObjectAsBytes(b -> b.bucket(config.bucket()).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parseFrom(cipher.open(sealed, key)));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Results object " + key + " opened but does not hold " + holds, e);
        }
    }

    /** Where the samples of one check of one job live in the results bucket. */
    public String objectKey(String jobId, String checkName) {
        return checkPrefix(jobId, checkName) + "failing-rows.bin";
    }

    /** Where the failing groups of one check of one job live in the results bucket. */
    public String failingGroupsKey(String jobId, String checkName) {
        return checkPrefix(jobId, checkName) + "failing-groups.bin";
    }

    /** Where the profile values of one profiling job live in the results bucket. */
    public String profileKey(String jobId) {
        return jobPrefix(jobId) + "profile.bin";
    }

    private String checkPrefix(String jobId, String checkName) {
        return jobPrefix(jobId) + "checks/" + checkName + "/";
    }

    private String jobPrefix(String jobId) {
        return config.prefix().orElse("") + "jobs/" + jobId + "/";
    }

    /** The results bucket. */
    public String bucket() {
        return config.bucket();
    }
}
