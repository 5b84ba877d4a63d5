package dev.outpost.control.edge;

import java.util.UUID;

/** CDI event: edge {@code edgeId} was removed; fired inside the removing transaction. */
public record EdgeRemoved(UUID edgeId) {
}
