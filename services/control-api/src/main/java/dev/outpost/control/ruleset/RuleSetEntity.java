package dev.outpost.control.ruleset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A stored, validated rule set. */
@Entity(name = "RuleSet")
@Table(name = "rule_set")
public class RuleSetEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The organisation that owns the rule set. */
    @Column(name = "organisation_id")
    public UUID organisationId;

    public String name;

    public String yaml;

    /** Check names in rule-set order, one per line. */
    @Column(name = "check_names")
    public String checkNames;

    /** 1 at creation, one more with each replacement of the YAML. */
    public int version;

    @Column(name = "created_at")
    public Instant createdAt;

    /** When the YAML was last replaced; null before the first replacement. */
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** When it was deleted: the row stays for the jobs that ran with it, but no API call finds it any more. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    public List<String> checkNameList() {
        return checkNames.isEmpty() ? List.of() : List.of(checkNames.split("\n"));
    }
}
