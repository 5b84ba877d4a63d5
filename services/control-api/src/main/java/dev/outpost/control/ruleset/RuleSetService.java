package dev.outpost.control.ruleset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.outpost.control.Ids;
import dev.outpost.control.Names;
import dev.outpost.control.auth.Caller;
import dev.outpost.control.auth.Role;
import dev.outpost.control.error.ConflictException;
import dev.outpost.control.error.InvalidInputException;
import dev.outpost.control.error.NotFoundException;
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
        if (RuleSetEntity.count("organisationId = ?1 and name = ?2", organisation, name) > 0) {
            throw new ConflictException("A rule set named '" + name + "' already exists; choose another name");
        }
        RuleSetEntity entity = new RuleSetEntity();
        entity.id = UUID.randomUUID();
        entity.organisationId = organisation;
        entity.name = name;
        entity.yaml = yaml;
        entity.checkNames = String.join("\n", rules.checks().stream().map(Check::name).toList());
        entity.createdAt = Instant.now();
        entity.persist();
        return view(entity);
    }

    @Transactional
    public List<RuleSetView> list(Caller caller) {
        return RuleSetEntity.<RuleSetEntity>list("organisationId", Sort.by("createdAt"),
                caller.organisation("list rule sets")).stream().map(RuleSetService::view).toList();
    }

    @Transactional
    public RuleSetView get(Caller caller, String id) {
        return view(require(caller.organisation("read rule sets"), id));
    }

    /** The rule set with this id in {@code organisationId}, or NOT_FOUND (also when another owns it). */
    public static RuleSetEntity require(UUID organisationId, String id) {
        RuleSetEntity entity = RuleSetEntity.findById(Ids.parse("Rule set", id));
        if (entity == null || !entity.organisationId.equals(organisationId)) {
            throw new NotFoundException("Rule set", id);
        }
        return entity;
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
                entity.createdAt);
    }
}
