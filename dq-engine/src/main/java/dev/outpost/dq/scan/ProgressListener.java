package dev.outpost.dq.scan;

/** Hears how far an evaluation has come. Called on the evaluating thread, so it should return quickly. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = (phase, fraction) -> {
    };

    /**
     * Each phase reports 0.0 when it starts and 1.0 when it ends; {@link ScanPhase#SAMPLING} also reports in between,
     * as the share of failing checks already sampled.
     *
     * @param fraction the share of {@code phase} that is done, from 0.0 to 1.0
     */
    void onProgress(ScanPhase phase, double fraction);
}
