package dev.outpost.control.error;

/**
 * A call without a valid API key. The message is the same whether the key is missing, wrong or revoked, so that it
 * tells an attacker nothing about the keys that exist.
 */
public class UnauthenticatedException extends OutpostException {

    /** The one message of every unauthenticated answer, REST and gRPC. */
    public static final String MESSAGE = "Send a valid API key as 'Authorization: Bearer <key>'";

    public UnauthenticatedException() {
        super(MESSAGE);
    }

    @Override
    public String code() {
        return "UNAUTHENTICATED";
    }
}
