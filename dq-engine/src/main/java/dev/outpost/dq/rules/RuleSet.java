package dev.outpost.dq.rules;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks to run against one data set, in rule-set order, and the policy of each (severity and threshold).
 * Non-empty; names are unique.
 *
 * @param checks the checks, in rule-set order
 * @param policies the policy of a check by its name; a check without an entry has {@link CheckPolicy#DEFAULT}
 */
public record RuleSet(List<Check> checks, Map<String, CheckPolicy> policies) {

    public RuleSet {
        checks = List.copyOf(checks);
        policies = Map.copyOf(policies);
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("a rule set needs at least one check");
        }
        Set<String> names = new HashSet<>();
        for (Check check : checks) {
            if (!names.add(check.name())) {
                throw new IllegalArgumentException("check name '" + check.name() + "' is used more than once");
            }
        }
        Set<String> unknown = new HashSet<>(policies.keySet());
        unknown.removeAll(names);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("policies name checks the rule set does not have: " + unknown);
        }
    }

    /** Checks with the default policy: no failure tolerated, and a failure fails. */
    public RuleSet(List<Check> checks) {
        this(checks, new HashMap<>());
    }

    /** The policy of {@code check}. */
    public CheckPolicy policyOf(Check check) {
        return policies.getOrDefault(check.name(), CheckPolicy.DEFAULT);
    }
}
