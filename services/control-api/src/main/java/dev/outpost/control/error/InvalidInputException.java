package dev.outpost.control.error;

import java.util.List;

/** The request is malformed; {@link #problems()} lists located problems (for example rule-set lines) if any. */
public class InvalidInputException extends OutpostException {

    /** One located problem in a request's document. */
    public record Problem(int line, int column, String path, String message) {
    }

    private final List<Problem> problems;

    public InvalidInputException(String message) {
        this(message, List.of());
    }

    public InvalidInputException(String message, List<Problem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    @Override
    public String code() {
        return "INVALID_ARGUMENT";
    }
}
