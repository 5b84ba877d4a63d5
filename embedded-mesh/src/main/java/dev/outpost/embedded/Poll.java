package dev.outpost.embedded;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits for a condition by asking again until it holds or a deadline passes: the one way the embedded mesh and its
 * tests wait for another process. Nothing sleeps a fixed time hoping something happened meanwhile.
 */
public final class Poll {

    private Poll() {
    }

    /**
     * Calls {@code probe} every {@code interval} until it returns a value.
     *
     * @param what       what is awaited, for the timeout message (e.g. "control-api to become ready")
     * @param timeout    how long to wait in all
     * @param interval   the pause between two probes
     * @param probe      returns the awaited value, or empty to be asked again
     * @param stillWorth called before every probe; throws to give up early (e.g. because the process died)
     * @return the probe's value
     * @throws MeshException when the deadline passes, or the thread is interrupted
     */
    public static <T> T until(String what, Duration timeout, Duration interval, Supplier<Optional<T>> probe,
            Runnable stillWorth) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            stillWorth.run();
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new MeshException("timed out after " + seconds(timeout) + " waiting for " + what);
            }
            try {
                Thread.sleep(Math.min(interval.toMillis(), Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MeshException("interrupted while waiting for " + what, e);
            }
        }
    }

    /** A duration as seconds with one decimal, e.g. {@code 2.4 s}. */
    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** The time since {@code startNanos} (a {@link System#nanoTime()}) as seconds with one decimal. */
    public static String since(long startNanos) {
        return seconds(Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
