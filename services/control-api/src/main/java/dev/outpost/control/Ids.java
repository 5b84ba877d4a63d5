package dev.outpost.control;

import java.util.UUID;

import dev.outpost.control.error.NotFoundException;

/** Resource ids in URLs and requests: a malformed id names nothing, so it is reported as not found. */
public final class Ids {

    private Ids() {
    }

    /** The UUID in {@code id}, or NOT_FOUND for {@code kind}. */
    public static UUID parse(String kind, String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException(kind, id);
        }
    }
}
