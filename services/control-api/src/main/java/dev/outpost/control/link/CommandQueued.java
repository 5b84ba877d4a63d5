package dev.outpost.control.link;

import java.util.UUID;

/** CDI event: a command for {@code edgeId} was committed to its outbox. */
public record CommandQueued(UUID edgeId) {
}
