package dev.outpost.dq;

/**
 * A failure caused by the rule set or the data rather than by the engine: the rule set is invalid, does not fit the
 * data, or the data cannot be read.
 *
 * <p>The message says what is wrong, where, and how to fix it. It never contains values from the data set, so it may
 * be shown to users and sent to the control plane as it is.
 */
public abstract class DataQualityException extends RuntimeException {

    protected DataQualityException(String message) {
        super(message);
    }
}
