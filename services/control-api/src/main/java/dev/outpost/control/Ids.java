package dev.outpost.control;

import java.util.UUID;
import java.util.regex.Pattern;

import dev.outpost.control.error.NotFoundException;

/** Resource ids in URLs and requests: a malformed id names nothing, so it is reported as not found. */
public final class Ids {

    private static final Pattern LOGGABLE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Ids() {
    }

    /**
     * An id chosen by an edge or a client, as it may be logged: an id-shaped value as is, anything else replaced, so a
     * faulty or hostile sender cannot put other content (or forged log lines) into the log.
     */
    public static String loggable(String id) {
        return id != null && LOGGABLE.matcher(id).matches() ? id : "<malformed id>";
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
