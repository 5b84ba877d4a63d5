package dev.outpost.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.DataLocation;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Copies a data location's objects into a job's workspace. */
@ApplicationScoped
class DataDownloader {

    /** One object copied into the workspace. */
    record Download(Path file, String key) {
    }

    /** Hears how many objects and bytes have been copied so far. */
    @FunctionalInterface
    interface Progress {
        void downloaded(int objects, int ofObjects, long bytes, long ofBytes);
    }

    private final S3Client s3;

    DataDownloader(S3Client s3) {
        this.s3 = s3;
    }

    /**
     * Downloads every object under the location's prefix (folder markers, keys ending in {@code /}, left out) into
     * {@code directory}. Files are named by position, not by key, so a key cannot steer where a file lands or how
     * DuckDB reads it.
     *
     * @return the downloaded files, in key order
     * @throws JobFailedException DATA_NOT_FOUND when the bucket does not exist or holds no objects under the prefix
     */
    List<Download> download(DataLocation location, Path directory, Progress progress) {
        List<S3Object> objects = list(location);
        long totalBytes = objects.stream().mapToLong(S3Object::size).sum();
        List<Download> files = new ArrayList<>(objects.size());
        long bytes = 0;
        progress.downloaded(0, objects.size(), 0, totalBytes);
        for (S3Object object : objects) {
            Path file = directory.resolve(String.format("part-%05d%s", files.size(), extension(location, object)));
            s3.getObject(b -> b.bucket(location.getBucket()).key(object.key()), file);
            files.add(new Download(file, object.key()));
            bytes += object.size();
            progress.downloaded(files.size(), objects.size(), bytes, totalBytes);
        }
        return files;
    }

    private List<S3Object> list(DataLocation location) {
        String where = "s3://" + location.getBucket() + "/" + location.getPrefix();
        List<S3Object> objects;
        try {
            objects = s3.listObjectsV2Paginator(b -> b.bucket(location.getBucket()).prefix(location.getPrefix()))
                    .contents().stream()
                    .filter(object -> !object.key().endsWith("/"))
                    .toList();
        } catch (NoSuchBucketException e) {
            throw new JobFailedException(JobFailedException.DATA_NOT_FOUND, "bucket '" + location.getBucket()
                    + "' does not exist or the edge's credentials cannot see it: fix the data source's bucket");
        }
        if (objects.isEmpty()) {
            throw new JobFailedException(JobFailedException.DATA_NOT_FOUND, "no objects under " + where
                    + ": upload the data or fix the data source's prefix");
        }
        return objects;
    }

    private static String extension(DataLocation location, S3Object object) {
        if (location.getFormat() == DataFormat.DATA_FORMAT_PARQUET) {
            return ".parquet";
        }
        return object.key().endsWith(".gz") ? ".csv.gz" : ".csv";
    }
}
