package dev.outpost.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * The runner's own downloader, which it does not change, noting how many files an object's folder holds right after
 * the object is fetched on its own ({@link DataDownloader.Fetch#LATER}): how a test sees that a metadata import keeps
 * one such object at a time in the workspace. It replaces {@link DataDownloader} in every test of the module, so that
 * they share one Quarkus boot.
 */
@Alternative
@Priority(1)
@Singleton
class WatchedDownloader extends DataDownloader {

    private final List<Long> filesAfterFetch = new CopyOnWriteArrayList<>();

    WatchedDownloader(S3Client s3) {
        super(s3);
    }

    @Override
    void fetch(Download download) {
        super.fetch(download);
        try (Stream<Path> files = Files.list(download.file().getParent())) {
            filesAfterFetch.add(files.count());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many files the folder held after each fetch since the last call, and forgets them. */
    List<Long> takeFilesAfterFetch() {
        List<Long> taken = List.copyOf(filesAfterFetch);
        filesAfterFetch.clear();
        return taken;
    }
}
