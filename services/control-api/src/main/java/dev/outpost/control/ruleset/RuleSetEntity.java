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

    @Column(name = "created_at")
    public Instant createdAt;

    public List<String> checkNameList() {
        return checkNames.isEmpty() ? List.of() : List.of(checkNames.split("\n"));
    }
}
