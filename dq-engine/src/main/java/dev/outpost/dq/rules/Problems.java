package dev.outpost.dq.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects the problems of one parse so that all of them are reported together. */
final class Problems {

    private final List<RuleSetProblem> found = new ArrayList<>();

    void add(Node node, String path, String message) {
        add(node.getStartMark(), path, message);
    }

    void add(Mark mark, String path, String message) {
        // SnakeYAML counts from 0; editors and users count from 1.
        found.add(new RuleSetProblem(mark.getLine() + 1, mark.getColumn() + 1, path, message));
    }

    int count() {
        return found.size();
    }

    List<RuleSetProblem> inDocumentOrder() {
        return found.stream()
                .sorted(Comparator.comparingInt(RuleSetProblem::line).thenComparingInt(RuleSetProblem::column))
                .toList();
    }
}
