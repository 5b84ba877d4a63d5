package dev.outpost.dq.secrets;

import dev.outpost.dq.DataQualityException;

/** A secret reference cannot be resolved on the edge. The message names the reference, never a secret. */
public class SecretUnavailableException extends DataQualityException {

    public SecretUnavailableException(String message) {
        super(message);
    }
}
