package dev.outpost.planemanager.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import org.jboss.logging.Logger;

/**
 * An AOT cache (JDK 25+, JEP 483/514/515) that the job-runners of one plane-manager share: the classes a runner loads
 * and links over its whole life, and its methods' profiles, so that later runners finish a job 0.6–0.8 s sooner
 * (bench/README.md, "(d)"). While there is none, the next runner trains it: its JVM writes the cache on exit to a
 * file of that runner's own, which becomes the cache only if the runner exits cleanly. Runners started while one
 * trains run without a cache.
 */
final class AotCache {

    private static final Logger LOG = Logger.getLogger(AotCache.class);

    private final Path file;
    private final AtomicBoolean training = new AtomicBoolean();
    private volatile CompletableFuture<Void> trained = CompletableFuture.completedFuture(null);
    private final AtomicLong trainings = new AtomicLong();

    AotCache(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** How the next runner uses the cache: the JVM option it gets, if any, and what its exit means for the cache. */
    Use next() {
        if (Files.isRegularFile(file)) {
            return new Use(Optional.of("-XX:AOTCache=" + file), Use.NONE.exited());
        }
        if (!training.compareAndSet(false, true)) {
            return Use.NONE;
        }
        Path output = file.resolveSibling(file.getFileName() + ".training-" + ProcessHandle.current().pid() + "-"
                + trainings.incrementAndGet());
        try {
            // The JVM writes nothing into a folder that does not exist, and says nothing either.
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            training.set(false);
            LOG.warnf("Job-runners start without an AOT cache: cannot create its folder %s (%s)", file.getParent(),
                    e.getMessage());
            return Use.NONE;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        trained = done;
        return new Use(Optional.of("-XX:AOTCacheOutput=" + output), exitCode -> {
            try {
                install(output, exitCode);
            } finally {
                training.set(false);
                done.complete(null);
            }
        });
    }

    /**
     * Waits, at most {@code patience}, for a runner that trains the cache to exit and the cache to be put in place. A
     * runner that has reported its job writes the cache as it exits, and a request to stop waits for that: stopping
     * plane-manager right after a first job must not lose what it trained.
     */
    void awaitTraining(Duration patience) {
        try {
            trained.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.infof("Stopped waiting for the job-runner that trains the AOT cache %s after %d s", file,
                    patience.toSeconds());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void install(Path output, int exitCode) {
        try {
            boolean written = Files.isRegularFile(output);
            if (exitCode == 0 && written) {
                Files.move(output, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                LOG.infof("Job-runners start with the AOT cache %s from now on", file);
                return;
            }
            Files.deleteIfExists(output);
            LOG.infof("The job-runner training the AOT cache %s exited with %d%s; the next runner trains it again",
                    file, exitCode, written ? "" : " and wrote none");
        } catch (IOException e) {
            LOG.warnf("Could not put the AOT cache %s in place (%s); the next runner trains it again", file,
                    e.getMessage());
        }
    }

    /**
     * @param option the JVM option for the runner
     * @param exited to call with the runner's exit code once it is gone
     */
    record Use(Optional<String> option, IntConsumer exited) {

        /** No cache: no option, and nothing to do when the runner exits. */
        static final Use NONE = new Use(Optional.empty(), exitCode -> {
        });
    }
}
