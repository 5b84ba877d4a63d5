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

    /** SHA-256 of the edge token, hex; see {@link EdgeTokens}. */
    @Column(name = "token_hash")
    public String tokenHash;

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

    public static Edge findByTokenHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }
}
