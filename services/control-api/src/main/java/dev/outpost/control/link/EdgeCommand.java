package dev.outpost.control.link;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One command in an edge's outbox. */
@Entity
@Table(name = "edge_command")
@IdClass(EdgeCommand.Key.class)
public class EdgeCommand extends PanacheEntityBase {

    /** The composite key: an edge and its per-edge sequence number. */
    public record Key(UUID edgeId, long seq) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    @Column(name = "edge_id")
    public UUID edgeId;

    @Id
    public long seq;

    /** The command's kind (the oneof case), for operators reading the table. */
    public String kind;

    /** The serialized {@code outpost.edgelink.v1.Command}. */
    public byte[] payload;

    @Column(name = "created_at")
    public Instant createdAt;

    /** After this the command is no longer worth delivering (interactive requests only). */
    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "acked_at")
    public Instant ackedAt;
}
