package dev.outpost.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Where the mesh's job-runners keep the AOT cache they share (plane-manager's {@code outpost.launcher.local.aot-cache}):
 * a file named by a digest of the JDK and of every file of the packaged runner, so that a rebuilt runner or another
 * JDK trains a cache of its own instead of meeting one it cannot use. Caches of other builds are deleted.
 */
final class RunnerAotCache {

    /** The first JDK that writes an AOT cache from one training run (JEP 514). */
    static final int FIRST_JDK = 25;

    private static final Logger LOG = Logger.getLogger(RunnerAotCache.class);
    private static final String PREFIX = "job-runner-";

    private RunnerAotCache() {
    }

    /**
     * The cache file for the runner packaged beside {@code jobRunnerJar} on this JDK, in {@code folder}; empty before
     * JDK {@value #FIRST_JDK}.
     */
    static Optional<Path> prepare(Path folder, Path jobRunnerJar) {
        if (Runtime.version().feature() < FIRST_JDK) {
            return Optional.empty();
        }
        Path cache = folder.resolve(PREFIX + digest(jobRunnerJar.toAbsolutePath().getParent()) + ".aot");
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path stale : files.filter(f -> !f.equals(cache)).filter(f -> f.getFileName().toString()
                        .startsWith(PREFIX)).toList()) {
                    Files.deleteIfExists(stale);
                }
            } catch (IOException e) {
                LOG.warnf("Could not delete the AOT caches of earlier runner builds in %s: %s", folder,
                        e.getMessage());
            }
        }
        return Optional.of(cache);
    }

    /** A digest of this JDK and of the name, size and time of every file under {@code runnerHome}. */
    static String digest(Path runnerHome) {
        try (Stream<Path> walk = Files.walk(runnerHome)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, System.getProperty("java.home"));
            update(digest, System.getProperty("java.vm.version"));
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path file : files) {
                update(digest, runnerHome.relativize(file) + " " + Files.size(file) + " "
                        + Files.getLastModifiedTime(file).toMillis());
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged job-runner in " + runnerHome, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }
}
