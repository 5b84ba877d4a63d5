package dev.outpost.control.ruleset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.outpost.control.Ids;
import dev.outpost.control.Names;
import dev.outpost.control.error.ConflictException;
import dev.outpost.control.error.InvalidInputException;
import dev.outpost.control.error.NotFoundException;
import dev.outpost.dq.rules.Check;
import dev.outpost.dq.rules.RuleSet;
import dev.outpost.dq.rules.RuleSetInvalidException;
import dev.outpost.dq.rules.RuleSetParser;
import io.quarkus.panache.common.Sort;

/** Validates and stores rule sets; the edge compiles and runs them. */
@ApplicationScoped
public class RuleSetService {

    @Transactional
    public RuleSetView create(String name, String yaml) {
        Names.requireValid("rule set name", name);
        RuleSet rules = parse(yaml);
        if (RuleSetEntity.count("name", name) > 0) {
            throw new ConflictException("A rule set named '" + name + "' already exists; choose another name");
        }
        RuleSetEntity entity = new RuleSetEntity();
        entity.id = UUID.randomUUID();
        entity.name = name;
        entity.yaml = yaml;
        entity.checkNames = String.join("\n", rules.checks().stream().map(Check::name).toList());
        entity.createdAt = Instant.now();
        entity.persist();
        return view(entity);
    }

    @Transactional
    public List<RuleSetView> list() {
        return RuleSetEntity.<RuleSetEntity>listAll(Sort.by("createdAt")).stream().map(RuleSetService::view).toList();
    }

    @Transactional
    public RuleSetView get(String id) {
        return view(require(id));
    }

    /** The rule set with this id, or NOT_FOUND. */
    public static RuleSetEntity require(String id) {
        RuleSetEntity entity = RuleSetEntity.findById(Ids.parse("Rule set", id));
        if (entity == null) {
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
