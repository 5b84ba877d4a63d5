package dev.outpost.runner;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.outpost.dq.scan.KeyGlob;
import dev.outpost.proto.job.v1.CsvCompression;
import dev.outpost.proto.job.v1.DataLocation;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Copies a data location's objects into a job's workspace. */
@ApplicationScoped
class DataDownloader {

    /** What of each object is copied. */
    enum Fetch {
        /** Every byte. */
        WHOLE,
        /**
         * Of a Parquet object, only its leading magic and its footer (schema and row-group row counts), written at
         * their places in a sparse file of the object's size: enough for DuckDB to read the columns and count the rows
         * without a data page. An object that does not end like Parquet is copied whole, for DuckDB to say why.
         */
        PARQUET_FOOTER,
        /**
         * Nothing yet: the objects are listed and their files named, and {@link #fetch} copies each when it is read,
         * so that a reader going through them one at a time needs room for one at a time.
         */
        LATER
    }

    private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    /** A Parquet file ends with its footer's length (4 bytes, little-endian) and the magic. */
    private static final int PARQUET_TAIL = 8;

    /** One object copied into the workspace. */
    record Download(Path file, String bucket, String key, long size) {

        /** How the object is named to the job's submitter. */
        String uri() {
            return "s3://" + bucket + "/" + key;
        }
    }

    /** Hears how many objects and bytes have been copied so far. */
    @FunctionalInterface
    interface Progress {

        /** Hears nothing. */
        Progress NONE = (objects, ofObjects, bytes, ofBytes) -> {
        };

        void downloaded(int objects, int ofObjects, long bytes, long ofBytes);
    }

    private final S3Client s3;

    DataDownloader(S3Client s3) {
        this.s3 = s3;
    }

    /**
     * Downloads the location's objects (see {@link #list}) into {@code directory}, which is created. Files are named
     * by position, not by key, so a key cannot steer where a file lands or how DuckDB reads it; the extension says
     * the location's format (and gzip where the objects are compressed). Progress counts the bytes fetched.
     *
     * @return the downloaded files, in key order
     * @throws JobFailedException DATA_NOT_FOUND when the bucket does not exist or no object is found
     */
    List<Download> download(DataLocation location, Path directory, Progress progress, Fetch fetch) {
        List<S3Object> objects = list(location);
        long totalBytes = objects.stream().mapToLong(S3Object::size).sum();
        List<Download> files = new ArrayList<>(objects.size());
        long bytes = 0;
        progress.downloaded(0, objects.size(), 0, totalBytes);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory + " in the job workspace", e);
        }
        for (S3Object object : objects) {
            Path file = directory.resolve(String.format("part-%05d%s", files.size(), extension(location, object)));
            bytes += switch (fetch) {
                case WHOLE -> fetchWhole(location.getBucket(), object, file);
                case PARQUET_FOOTER -> fetchFooter(location.getBucket(), object, file);
                case LATER -> 0;
            };
            files.add(new Download(file, location.getBucket(), object.key(), object.size()));
            if (fetch != Fetch.LATER) {
                progress.downloaded(files.size(), objects.size(), bytes, totalBytes);
            }
        }
        return files;
    }

    /** Copies an object listed with {@link Fetch#LATER} into its file, which must not exist yet. */
    void fetch(Download download) {
        s3.getObject(b -> b.bucket(download.bucket()).key(download.key()), download.file());
    }

    private long fetchWhole(String bucket, S3Object object, Path file) {
        s3.getObject(b -> b.bucket(bucket).key(object.key()), file);
        return object.size();
    }

    private long fetchFooter(String bucket, S3Object object, Path file) {
        long size = object.size();
        if (size < PARQUET_MAGIC.length + PARQUET_TAIL) {
            return fetchWhole(bucket, object, file);
        }
        byte[] tail = range(bucket, object, size - PARQUET_TAIL, size - 1);
        long footerStart = size - PARQUET_TAIL
                - Integer.toUnsignedLong(ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        if (footerStart < PARQUET_MAGIC.length
                || !ByteBuffer.wrap(tail, 4, 4).equals(ByteBuffer.wrap(PARQUET_MAGIC))) {
            return fetchWhole(bucket, object, file);
        }
        byte[] head = range(bucket, object, 0, PARQUET_MAGIC.length - 1);
        byte[] footer = range(bucket, object, footerStart, size - 1);
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(size);
            sparse.write(head);
            sparse.seek(footerStart);
            sparse.write(footer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " in the job workspace", e);
        }
        return head.length + footer.length;
    }

    private byte[] range(String bucket, S3Object object, long first, long last) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(object.key()).range("bytes=" + first + "-" + last))
                .asByteArray();
    }

    /**
     * The location's objects, in key order: the one object whose key is the prefix itself if there is one, else every
     * object under the prefix whose key (relative to the prefix) matches the glob; folder markers (keys ending in
     * {@code /}) are left out.
     */
    private List<S3Object> list(DataLocation location) {
        String prefix = location.getPrefix();
        Optional<KeyGlob> glob = location.getGlob().isEmpty() ? Optional.empty()
                : Optional.of(KeyGlob.compile(location.getGlob()));
        List<S3Object> objects;
        try {
            objects = s3.listObjectsV2Paginator(b -> b.bucket(location.getBucket()).prefix(prefix))
                    .contents().stream()
                    .filter(object -> !object.key().endsWith("/"))
                    .toList();
        } catch (NoSuchBucketException e) {
            throw new JobFailedException(JobFailedException.DATA_NOT_FOUND, "bucket '" + location.getBucket()
                    + "' does not exist or the edge's credentials cannot see it: fix the data source's bucket");
        }
        String where = "s3://" + location.getBucket() + "/" + prefix;
        if (objects.isEmpty()) {
            throw new JobFailedException(JobFailedException.DATA_NOT_FOUND, "no objects under " + where
                    + ": upload the data or fix the data source's prefix");
        }
        Optional<S3Object> exact = objects.stream().filter(object -> object.key().equals(prefix)).findFirst();
        if (exact.isPresent()) {
            return List.of(exact.get());
        }
        if (glob.isEmpty()) {
            return objects;
        }
        List<S3Object> matching = objects.stream()
                .filter(object -> glob.get().matches(object.key().substring(prefix.length())))
                .toList();
        if (matching.isEmpty()) {
            throw new JobFailedException(JobFailedException.DATA_NOT_FOUND, "none of the " + objects.size()
                    + " objects under " + where + " matches the glob '" + glob.get() + "' (written relative to the"
                    + " prefix; '*' stays within one level, '**' crosses levels): fix the glob or the prefix");
        }
        return matching;
    }

    private static String extension(DataLocation location, S3Object object) {
        boolean gzipNamed = object.key().endsWith(".gz");
        return switch (location.getFormat()) {
            case DATA_FORMAT_PARQUET -> ".parquet";
            case DATA_FORMAT_JSON_LINES -> gzipNamed ? ".jsonl.gz" : ".jsonl";
            default -> {
                CsvCompression compression = location.getCsv().getCompression();
                boolean gzip = compression == CsvCompression.CSV_COMPRESSION_GZIP
                        || compression != CsvCompression.CSV_COMPRESSION_NONE && gzipNamed;
                yield gzip ? ".csv.gz" : ".csv";
            }
        };
    }
}
