package dev.outpost.metadatabrowser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * A temporary directory for the copies of customer objects one request reads, deleted with everything in it when the
 * request ends, whatever happens: nothing of the data outlives the request on the edge's disk.
 */
final class Scratch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Scratch.class);

    private final Path directory;

    private Scratch(Path directory) {
        this.directory = directory;
    }

    static Scratch create() {
        try {
            return new Scratch(Files.createTempDirectory("outpost-browse"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory for reading objects", e);
        }
    }

    /** A new directory {@code name} inside {@code parent}, which must not exist yet. */
    static Scratch inside(Path parent, String name) {
        try {
            return new Scratch(Files.createDirectory(parent.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for one request's copies in " + parent, e);
        }
    }

    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            LOG.warnf("Could not delete scratch directory %s: %s", directory, e.getMessage());
        }
    }
}
