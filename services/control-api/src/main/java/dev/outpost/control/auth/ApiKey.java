package dev.outpost.control.auth;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An API key of an organisation; only its prefix and the hash of the whole key are stored. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "organisation_id")
    public UUID organisationId;

    public String name;

    /** A {@link Role} label. */
    public String role;

    /** See {@link ApiKeyTokens}. */
    public String prefix;

    /** SHA-256 of the whole key, hex. */
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
