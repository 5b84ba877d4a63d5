package dev.outpost.control.error;

/** The object cannot be changed this way while something still uses it, such as a job that has not finished yet. */
public class InUseException extends ConflictException {

    public InUseException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "FAILED_PRECONDITION";
    }
}
