package dev.outpost.dq.rules;

/** An expression that is not in the restricted grammar, or whose operand types do not fit. */
public class InvalidExpressionException extends IllegalArgumentException {

    private final int offset;

    public InvalidExpressionException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /** The 0-based index in the expression text where the problem is. */
    public int offset() {
        return offset;
    }
}
