package dev.outpost.control.ruleset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.outpost.control.Ids;
import dev.outpost.control.Names;
import dev.outpost.control.auth.Caller;
import dev.outpost.control.auth.Role;
import dev.outpost.control.error.ConflictException;
import dev.outpost.control.error.InvalidInputException;
import dev.outpost.control.error.NotFoundException;
import dev.outpost.control.job.JobService;
import dev.outpost.dq.rules.Check;
import dev.outpost.dq.rules.RuleSet;
import dev.outpost.dq.rules.RuleSetInvalidException;
import dev.outpost.dq.rules.RuleSetParser;
import io.quarkus.panache.common.Sort;

/**
 * Validates and stores rule sets; the edge compiles and runs them. Every call is scoped to the caller's organisation;
 * another organisation's rule set is "not found".
 */
@ApplicationScoped
public class RuleSetService {

    @Transactional
    public RuleSetView create(Caller caller, String name, String yaml) {
        UUID organisation = caller.require(Role.EDITOR, "create rule sets");
        Names.requireValid("rule set name", name);
        RuleSet rules = parse(yaml);
        if (RuleSetEntity.count("organisationId = ?1 and name = ?2 and deletedAt is null", organisation, name) > 0) {
            throw new ConflictException("A rule set named '" + name + "' already exists; choose another name");
        }
        RuleSetEntity entity = new RuleSetEntity();
        entity.id = UUID.randomUUID();
        entity.organisationId = organisation;
        entity.name = name;
        entity.version = 1;
        entity.createdAt = Instant.now();
        store(entity, yaml, rules);
        entity.persist();
        return view(entity);
    }

    /**
     * Replaces the YAML, validated like {@link #create}'s. A different YAML is the next version; the same YAML
     * changes nothing, so repeating the call is harmless. Jobs keep the version and YAML they ran with.
     */
    @Transactional
    public RuleSetView replace(Caller caller, String id, String yaml) {
        RuleSetEntity entity = require(caller.require(Role.EDITOR, "change rule sets"), id,
                LockModeType.PESSIMISTIC_WRITE);
        RuleSet rules = parse(yaml);
        if (!yaml.equals(entity.yaml)) {
            store(entity, yaml, rules);
            entity.version++;
            entity.updatedAt = Instant.now();
        }
        return view(entity);
    }

    /** Deletes a rule set no queued or running job uses; the jobs that ran with it stay readable. */
    @Transactional
    public void delete(Caller caller, String id) {
        RuleSetEntity entity = require(caller.require(Role.EDITOR, "delete rule sets"), id,
                LockModeType.PESSIMISTIC_WRITE);
        JobService.requireNoneUnfinished("ruleSetId", entity.id, "Rule set '" + entity.name + "'");
        entity.deletedAt = Instant.now();
    }

    @Transactional
    public List<RuleSetView> list(Caller caller) {
        return RuleSetEntity.<RuleSetEntity>list("organisationId = ?1 and deletedAt is null", Sort.by("createdAt"),
                caller.organisation("list rule sets")).stream().map(RuleSetService::view).toList();
    }

    @Transactional
    public RuleSetView get(Caller caller, String id) {
        return view(require(caller.organisation("read rule sets"), id));
    }

    /**
     * The rule set with this id in {@code organisationId}, or NOT_FOUND (also when another owns it or it was
     * deleted).
     */
    public static RuleSetEntity require(UUID organisationId, String id) {
        return require(organisationId, id, LockModeType.NONE);
    }

    /**
     * {@link #require(UUID, String)}, holding {@code lock} on the row until the transaction ends: a job submission
     * holds a read lock, a replacement or deletion a write lock, so a job gets one whole version and is never queued
     * with a rule set while it is deleted.
     */
    public static RuleSetEntity require(UUID organisationId, String id, LockModeType lock) {
        RuleSetEntity entity = RuleSetEntity.findById(Ids.parse("Rule set", id), lock);
        if (entity == null || entity.deletedAt != null || !entity.organisationId.equals(organisationId)) {
            throw new NotFoundException("Rule set", id);
        }
        return entity;
    }

    private static void store(RuleSetEntity entity, String yaml, RuleSet rules) {
        entity.yaml = yaml;
        entity.checkNames = String.join("\n", rules.checks().stream().map(Check::name).toList());
    }

    private static RuleSet parse(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw new InvalidInputException("yaml is empty: give the rule set as a YAML document with a 'checks' list "
                    + "(see docs/rule-sets.md)");
        }
        try {
            return RuleSetParser.parse(yaml);
        } catch (RuleSetInvalidException e) {
            throw new InvalidInputException("The rule set is invalid: " + e.getMessage(), e.problems().stream()
                    .map(p -> new InvalidInputException.Problem(p.line(), p.column(), p.path(), p.message()))
                    .toList());
        }
    }

    static RuleSetView view(RuleSetEntity entity) {
        return new RuleSetView(entity.id.toString(), entity.name, entity.yaml, entity.checkNameList(),
                entity.version, entity.createdAt, entity.updatedAt);
    }
}
