package dev.outpost.dq.scan;

import dev.outpost.dq.DataQualityException;
import dev.outpost.dq.rules.Suggestions;
import java.util.List;
import java.util.stream.Collectors;

/** The rule set reads columns the data set does not have. Column names are compared exactly, case included. */
public class RuleSetMismatchException extends DataQualityException {

    /** A column that a check reads and the data set lacks. */
    public record MissingColumn(String check, String column) {
    }

    private final List<MissingColumn> missingColumns;
    private final List<String> availableColumns;

    public RuleSetMismatchException(List<MissingColumn> missingColumns, List<String> availableColumns) {
        this(describe(missingColumns, availableColumns), missingColumns, availableColumns);
    }

    private RuleSetMismatchException(String message, List<MissingColumn> missingColumns,
            List<String> availableColumns) {
        super(message);
        this.missingColumns = List.copyOf(missingColumns);
        this.availableColumns = List.copyOf(availableColumns);
    }

    /**
     * A {@code reference} check names a source the job did not supply, or a column that source lacks.
     *
     * @param column the missing column, or {@code null} when the source itself is missing
     * @param available the sources supplied, or the source's columns when a column is missing
     */
    public static RuleSetMismatchException reference(String check, String source, String column,
            List<String> available) {
        String quoted = available.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "));
        if (column == null) {
            return new RuleSetMismatchException("The rule set does not fit the job: check '" + check + "' reads"
                    + " reference source '" + source + "', which the job does not supply (it supplies "
                    + (available.isEmpty() ? "none" : quoted) + "). Add the source to the job or fix the name.",
                    List.of(), available);
        }
        return new RuleSetMismatchException("The rule set does not fit the reference source '" + source + "': check '"
                + check + "' reads its column '" + column + "', which it does not have" + suggestion(column, available)
                + ". Its columns: " + quoted + ".", List.of(new MissingColumn(check, column)), available);
    }

    /** Every column a check reads that the data set lacks, in rule-set order. */
    public List<MissingColumn> missingColumns() {
        return missingColumns;
    }

    /** The data set's columns, in order. */
    public List<String> availableColumns() {
        return availableColumns;
    }

    private static String describe(List<MissingColumn> missing, List<String> available) {
        String problems = missing.stream()
                .map(m -> "check '" + m.check() + "' reads column '" + m.column()
                        + "', which the data set does not have" + suggestion(m.column(), available))
                .collect(Collectors.joining("; "));
        return "The rule set does not fit the data set: " + problems + ". Available columns: "
                + available.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "))
                + ". Fix the column names in the rule set or check that the right files were given.";
    }

    private static String suggestion(String column, List<String> available) {
        return available.stream()
                .filter(candidate -> candidate.equalsIgnoreCase(column))
                .findFirst()
                .map(candidate -> " (did you mean '" + candidate + "'? column names are case-sensitive)")
                .or(() -> Suggestions.closest(column, available).map(candidate -> " (did you mean '" + candidate
                        + "'?)"))
                .orElse("");
    }
}
