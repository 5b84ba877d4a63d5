package dev.outpost.planemanager;

import java.time.Duration;
import java.time.Instant;

/** Polls a condition until it holds or a deadline passes: the tests' only way to wait. */
public final class Await {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    /** A condition that may throw while it is not met yet. */
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    public static void until(Condition condition, String what) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (condition.holds()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what);
    }
}
