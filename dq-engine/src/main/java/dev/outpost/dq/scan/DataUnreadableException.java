package dev.outpost.dq.scan;

import dev.outpost.dq.DataQualityException;

/**
 * The data set cannot be read: a file is missing, outside the workspace, corrupt or not in the declared format.
 *
 * <p>Like every {@link DataQualityException}, the message never quotes the data, which is why DuckDB's own error
 * (which quotes the offending line) is neither in the message nor kept as the cause.
 */
public class DataUnreadableException extends DataQualityException {

    public DataUnreadableException(String message) {
        super(message);
    }
}
