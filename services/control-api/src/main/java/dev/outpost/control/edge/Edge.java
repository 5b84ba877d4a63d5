package dev.outpost.control.edge;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A registered compute plane. */
@Entity
@Table(name = "edge")
public class Edge extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The organisation that owns the edge. */
    @Column(name = "organisation_id")
    public UUID organisationId;

    public String name;

    /** SHA-256 of the edge token, hex; see {@link EdgeTokens}. Null once the edge is removed. */
    @Column(name = "token_hash")
    public String tokenHash;

    /** SHA-256 of the token the last rotation replaced, accepted until {@link #previousTokenExpiresAt}. */
    @Column(name = "previous_token_hash")
    public String previousTokenHash;

    @Column(name = "previous_token_expires_at")
    public Instant previousTokenExpiresAt;

    @Column(name = "token_rotated_at")
    public Instant tokenRotatedAt;

    /** The plane-manager replica that holds or last held the link. */
    @Column(name = "replica_id")
    public String replicaId;

    /** When the edge was removed; a removed edge has no token hash and is invisible to the API. */
    @Column(name = "removed_at")
    public Instant removedAt;

    @Column(name = "agent_version")
    public String agentVersion;

    /** Whether a link of this edge is open on some control-api replica. */
    @Column(name = "link_open")
    public boolean linkOpen;

    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    @Column(name = "next_command_seq")
    public long nextCommandSeq;

    @Column(name = "created_at")
    public Instant createdAt;
}
