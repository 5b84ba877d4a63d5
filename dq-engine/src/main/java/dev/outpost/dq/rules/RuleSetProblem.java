package dev.outpost.dq.rules;

/**
 * One problem found in a rule set.
 *
 * @param line 1-based line of the offending YAML node
 * @param column 1-based column of the offending YAML node
 * @param path where in the rule set, e.g. {@code checks[2].pattern} (list indexes count from 0); empty for problems
 *     with the document as a whole
 * @param message what is wrong and how to fix it
 */
public record RuleSetProblem(int line, int column, String path, String message) {

    /** The problem as one line: {@code line L, column C (path): message}. */
    public String describe() {
        String where = "line " + line + ", column " + column;
        return path.isEmpty() ? where + ": " + message : where + " (" + path + "): " + message;
    }
}
