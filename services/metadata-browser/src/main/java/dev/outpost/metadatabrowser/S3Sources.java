package dev.outpost.metadatabrowser;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.outpost.dq.scan.DataShape;
import dev.outpost.dq.scan.DataUnreadableException;
import dev.outpost.dq.scan.DuckDbWorkspace;
import dev.outpost.dq.scan.FirstRows;
import dev.outpost.edge.InteractiveException;
import dev.outpost.proto.interactive.v1.BrowseReply;
import dev.outpost.proto.interactive.v1.FileFormat;
import dev.outpost.proto.interactive.v1.ObjectEntry;
import dev.outpost.proto.interactive.v1.PreviewReply;
import dev.outpost.proto.interactive.v1.S3Location;
import dev.outpost.proto.interactive.v1.TestConnectionReply;
import dev.outpost.proto.job.v1.ColumnInfo;
import dev.outpost.proto.job.v1.RowCountKind;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * test_connection, browse and preview on S3, read with the edge's own credentials. Row counts: a Parquet object's
 * count comes from its footer (exact); a CSV or JSON-lines object read whole within
 * {@link BrowserConfig#maxInferenceBytes()} is counted (exact); a bigger uncompressed one is sampled from its first
 * {@link BrowserConfig#csvSampleBytes()} and its count extrapolated from the sample's rows per byte (estimated);
 * anything else is unknown.
 */
@ApplicationScoped
class S3Sources {

    /** S3 error codes that mean the credentials themselves are wrong, not that they lack a permission. */
    private static final Set<String> BAD_CREDENTIALS = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "ExpiredToken", "InvalidToken", "TokenRefreshRequired");

    private final S3Client s3;
    private final DataObjects objects;
    private final ReadyWorkspaces workspaces;

    S3Sources(S3Client s3, DataObjects objects, ReadyWorkspaces workspaces) {
        this.s3 = s3;
        this.objects = objects;
        this.workspaces = workspaces;
    }

    /** Checks the bucket, that the prefix holds an object, and that the first one can be read. */
    TestConnectionReply testConnection(S3Location location) {
        return testConnection(s3, location);
    }

    /** As {@link #testConnection(S3Location)}, with the given client's credentials. */
    static TestConnectionReply testConnection(S3Client s3, S3Location location) {
        String bucket = requireBucket(location);
        String prefix = location.getPrefix();
        try {
            // A listing rather than a HEAD: its error body tells bad credentials from a missing permission.
            ListObjectsV2Response listed = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(1));
            TestConnectionReply.Builder reply = TestConnectionReply.newBuilder()
                    .addChecks("bucket '" + bucket + "' exists and the edge's credentials can reach it");
            if (listed.contents().isEmpty()) {
                throw InteractiveException.withCode("PREFIX_NOT_FOUND", "Bucket '" + bucket + "' holds no object "
                        + "under prefix '" + prefix + "': check the prefix (it is case-sensitive and has no leading "
                        + "'/') or upload the data first");
            }
            reply.addChecks("prefix '" + prefix + "' can be listed and holds objects");
            S3Object first = listed.contents().getFirst();
            if (first.size() > 0) {
                s3.getObject(b -> b.bucket(bucket).key(first.key()).range("bytes=0-0")).close();
            }
            return reply.addChecks("object '" + first.key() + "' can be read").build();
        } catch (S3Exception e) {
            throw failure(e, bucket, prefix);
        } catch (SdkClientException e) {
            throw unreachable(e);
        } catch (IOException e) {
            throw InteractiveException.internal("Reading the first object under '" + prefix + "' failed ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The sub-prefixes and the objects directly under the location's prefix, each object described. */
    BrowseReply browse(S3Location location, int askedLimit) {
        String bucket = requireBucket(location);
        int limit = Sources.browseLimit(askedLimit);
        BrowseReply.Builder reply = BrowseReply.newBuilder();
        int entries = 0;
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(b -> b.bucket(bucket)
                    .prefix(location.getPrefix()).delimiter("/"))) {
                for (CommonPrefix prefix : page.commonPrefixes()) {
                    if (++entries > limit) {
                        return reply.setTruncated(true).build();
                    }
                    reply.addPrefixes(prefix.prefix());
                }
                for (S3Object object : page.contents()) {
                    if (object.key().equals(location.getPrefix())) {
                        continue; // The folder marker of the prefix itself.
                    }
                    if (++entries > limit) {
                        return describeAll(bucket, reply.setTruncated(true));
                    }
                    reply.addObjects(ObjectEntry.newBuilder().setKey(object.key()).setSizeBytes(object.size())
                            .setFormat(Sources.formatOf(object.key())));
                }
            }
        } catch (S3Exception e) {
            throw failure(e, bucket, location.getPrefix());
        } catch (SdkClientException e) {
            throw unreachable(e);
        }
        if (entries == 0) {
            throw InteractiveException.withCode("PREFIX_NOT_FOUND", "Nothing in bucket '" + bucket + "' under "
                    + "prefix '" + location.getPrefix() + "': check the prefix (case-sensitive, no leading '/')");
        }
        return describeAll(bucket, reply);
    }

    /** The first rows of the object whose full key is the location's prefix. */
    PreviewReply preview(S3Location location, int rows) {
        String bucket = requireBucket(location);
        String key = location.getPrefix();
        FileFormat format = Sources.formatOf(key);
        if (format == FileFormat.FILE_FORMAT_UNKNOWN) {
            throw InteractiveException.invalidRequest("'" + key + "' is not a file the edge can read: preview needs "
                    + "the full key of a .csv, .parquet, .jsonl, .ndjson or .json object (optionally .gz)");
        }
        S3Object object;
        try {
            var head = s3.headObject(b -> b.bucket(bucket).key(key));
            object = S3Object.builder().key(key).size(head.contentLength()).build();
        } catch (NoSuchKeyException e) {
            throw InteractiveException.notFound("Bucket '" + bucket + "' has no object '" + key + "': preview needs "
                    + "the full key of one object (browse the prefix to find it)");
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw InteractiveException.notFound("Bucket '" + bucket + "' has no object '" + key + "' (or the "
                        + "bucket does not exist): browse the bucket to find the object's key");
            }
            throw failure(e, bucket, key);
        } catch (SdkClientException e) {
            throw unreachable(e);
        }
        try (ReadyWorkspaces.Workspace workspace = workspaces.take()) {
            Path copy = workspace.directory().resolve(Sources.copyName(0, key, format));
            boolean whole = objects.sample(bucket, object, lineBased(key, format), copy);
            FirstRows first = workspace.duckDb().firstRows(Sources.dataSet(copy, format), rows + 1);
            return PreviewReply.newBuilder()
                    .setView(Sources.view(first.columns(), first.rows().subList(0, Math.min(rows,
                            first.rows().size()))))
                    .setTruncated(first.rows().size() > rows || !whole).build();
        } catch (InferenceException e) {
            throw InteractiveException.invalidRequest("Object '" + key + "' cannot be previewed: it is "
                    + e.getMessage().replace("columns not inferred", "no rows read"));
        } catch (DataUnreadableException e) {
            throw InteractiveException.invalidRequest("Object '" + key + "' is not readable as "
                    + describe(format) + ": check that its extension matches its content");
        }
    }

    private BrowseReply describeAll(String bucket, BrowseReply.Builder reply) {
        try (ReadyWorkspaces.Workspace workspace = workspaces.take()) {
            for (int i = 0; i < reply.getObjectsCount(); i++) {
                ObjectEntry.Builder entry = reply.getObjectsBuilder(i);
                describe(bucket, entry, workspace.directory().resolve(Sources.copyName(i, entry.getKey(),
                        entry.getFormat())), workspace.duckDb());
            }
        }
        return reply.build();
    }

    private void describe(String bucket, ObjectEntry.Builder entry, Path copy, DuckDbWorkspace workspace) {
        if (entry.getFormat() == FileFormat.FILE_FORMAT_UNKNOWN) {
            entry.setInferenceError("not a .csv, .parquet or JSON-lines object: columns not inferred");
            return;
        }
        S3Object object = S3Object.builder().key(entry.getKey()).size(entry.getSizeBytes()).build();
        try {
            boolean whole = objects.sample(bucket, object, lineBased(entry.getKey(), entry.getFormat()), copy);
            DataShape shape = workspace.shape(Sources.dataSet(copy, entry.getFormat()));
            shape.columns().forEach(column -> entry.addColumns(ColumnInfo.newBuilder()
                    .setName(column.name()).setType(column.type())));
            if (whole) {
                entry.setRowCount(shape.rows()).setRowCountKind(RowCountKind.ROW_COUNT_EXACT);
            } else {
                // Rows per byte of the sample, over the whole object: good for rows of even width.
                double perByte = (double) shape.rows() / Files.size(copy);
                entry.setRowCount(Math.round(perByte * entry.getSizeBytes()))
                        .setRowCountKind(RowCountKind.ROW_COUNT_ESTIMATED);
            }
        } catch (InferenceException e) {
            entry.setInferenceError(e.getMessage());
        } catch (DataUnreadableException e) {
            // Fixed text: the engine's reason names the copy in the scratch directory, which means nothing to a user.
            entry.setInferenceError("not readable as " + describe(entry.getFormat()) + ": columns not inferred");
        } catch (IOException e) {
            entry.setInferenceError("its sample could not be measured: row count unknown");
        }
    }

    private static boolean lineBased(String key, FileFormat format) {
        return format != FileFormat.FILE_FORMAT_PARQUET && !key.endsWith(".gz");
    }

    private static String describe(FileFormat format) {
        return switch (format) {
            case FILE_FORMAT_PARQUET -> "Parquet";
            case FILE_FORMAT_JSON_LINES -> "JSON lines (one object per line)";
            default -> "CSV with a header row";
        };
    }

    private static String requireBucket(S3Location location) {
        if (location.getBucket().isBlank()) {
            throw InteractiveException.invalidRequest("the S3 source names no bucket: set source.s3.bucket");
        }
        return location.getBucket();
    }

    private static InteractiveException failure(S3Exception e, String bucket, String prefix) {
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                : e.awsErrorDetails().errorCode();
        // HEAD and list requests get a 404 only for a missing bucket (a missing prefix is an empty listing).
        if (e instanceof NoSuchBucketException || e.statusCode() == 404) {
            return InteractiveException.withCode("BUCKET_NOT_FOUND", "Bucket '" + bucket + "' does not exist: "
                    + "check the data source's bucket name (and the edge's region)");
        }
        if (BAD_CREDENTIALS.contains(code)) {
            return InteractiveException.withCode("INVALID_CREDENTIALS", "S3 rejected the edge's credentials ("
                    + code + "): check the access key and secret (or the role) the compute plane runs with");
        }
        if (e.statusCode() == 403) {
            return InteractiveException.withCode("ACCESS_DENIED", "The edge's credentials may not read '" + prefix
                    + "' in bucket '" + bucket + "' (access denied): allow the compute plane s3:ListBucket and "
                    + "s3:GetObject on it");
        }
        return InteractiveException.withCode("UNAVAILABLE", "S3 answered HTTP " + e.statusCode() + " (" + code
                + ") for bucket '" + bucket + "': try again; if it persists, check the S3 service's status");
    }

    private static InteractiveException unreachable(SdkClientException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return InteractiveException.withCode("UNKNOWN_HOST", "The S3 endpoint's host name does not resolve "
                        + "from the edge: check quarkus.s3.endpoint-override and the cluster's DNS");
            }
            if (cause instanceof ConnectException) {
                return InteractiveException.withCode("CONNECTION_REFUSED", "The S3 endpoint refused the connection: "
                        + "check quarkus.s3.endpoint-override and that S3 is reachable from the compute plane");
            }
        }
        return InteractiveException.withCode("UNAVAILABLE", "S3 could not be reached ("
                + e.getClass().getSimpleName() + "): check the compute plane's network access to S3");
    }
}
