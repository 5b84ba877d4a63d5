package dev.outpost.dq.rules;

import dev.outpost.dq.DataQualityException;
import java.util.List;
import java.util.stream.Collectors;

/** A rule set that cannot be used; carries every problem found, in document order. */
public class RuleSetInvalidException extends DataQualityException {

    private final List<RuleSetProblem> problems;

    public RuleSetInvalidException(List<RuleSetProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, ordered by line and column. */
    public List<RuleSetProblem> problems() {
        return problems;
    }

    private static String describe(List<RuleSetProblem> problems) {
        String heading = "The rule set has " + problems.size() + (problems.size() == 1 ? " problem:" : " problems:");
        return problems.stream()
                .map(problem -> "  " + problem.describe())
                .collect(Collectors.joining("\n", heading + "\n", ""));
    }
}
