package dev.outpost.dq.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks to run against one data set, in rule-set order. Non-empty; names are unique. */
public record RuleSet(List<Check> checks) {

    public RuleSet {
        checks = List.copyOf(checks);
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("a rule set needs at least one check");
        }
        Set<String> names = new HashSet<>();
        for (Check check : checks) {
            if (!names.add(check.name())) {
                throw new IllegalArgumentException("check name '" + check.name() + "' is used more than once");
            }
        }
    }
}
