package dev.outpost.control.link;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.outpost.control.edge.Edge;
import dev.outpost.control.error.ConflictException;
import dev.outpost.proto.edgelink.v1.Command;

/**
 * The per-edge outbox. A command is numbered and stored in the caller's transaction, so a job and its RunJob command
 * exist together or not at all; it is delivered after commit and stays until the edge acknowledges it.
 */
@ApplicationScoped
public class Outbox {

    private static final int DELIVERY_BATCH = 100;

    private final Event<CommandQueued> queued;

    Outbox(Event<CommandQueued> queued) {
        this.queued = queued;
    }

    /**
     * Appends a command for {@code edgeId}; returns its sequence number.
     *
     * @param expiresAt when the command stops being worth delivering, or null for never
     */
    @Transactional
    public long append(UUID edgeId, Command.Builder command, Instant expiresAt) {
        // The row lock serializes numbering per edge across control-api replicas.
        Edge edge = Edge.findById(edgeId, LockModeType.PESSIMISTIC_WRITE);
        if (edge.removedAt != null) {
            throw new ConflictException("Edge '" + edge.name + "' was removed, so it takes no more work: register a "
                    + "new edge and data sources on it");
        }
        long seq = edge.nextCommandSeq++;
        EdgeCommand row = new EdgeCommand();
        row.edgeId = edgeId;
        row.seq = seq;
        row.kind = command.getKindCase().name();
        row.payload = command.setSeq(seq).build().toByteArray();
        row.createdAt = Instant.now();
        row.expiresAt = expiresAt;
        row.persist();
        queued.fire(new CommandQueued(edgeId));
        return seq;
    }

    /** Unacknowledged, unexpired commands of {@code edgeId} after {@code afterSeq}, in order. */
    @Transactional
    public List<Command> pendingAfter(UUID edgeId, long afterSeq) {
        return EdgeCommand.<EdgeCommand>find("edgeId = ?1 and seq > ?2 and ackedAt is null "
                        + "and (expiresAt is null or expiresAt > ?3) order by seq", edgeId, afterSeq, Instant.now())
                .page(0, DELIVERY_BATCH)
                .list()
                .stream()
                .map(Outbox::decode)
                .toList();
    }

    /** The edge made command {@code seq} durable. Acknowledging twice is harmless. */
    @Transactional
    public void acknowledge(UUID edgeId, long seq) {
        EdgeCommand.update("ackedAt = ?1 where edgeId = ?2 and seq = ?3 and ackedAt is null", Instant.now(), edgeId,
                seq);
    }

    /**
     * Removes command {@code seq} of {@code edgeId}, delivered or not. For an interactive request once its caller stops
     * waiting: the request may carry what a person typed (a failing-rows filter value, possibly a data value), which
     * control-api must not keep, and a late delivery would answer nobody.
     */
    @Transactional
    public void forget(UUID edgeId, long seq) {
        EdgeCommand.delete("edgeId = ?1 and seq = ?2", edgeId, seq);
    }

    private static Command decode(EdgeCommand row) {
        try {
            return Command.parseFrom(row.payload);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Outbox row " + row.edgeId + "/" + row.seq + " is corrupt", e);
        }
    }
}
