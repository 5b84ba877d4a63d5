package dev.outpost.control.error;

/** The request clashes with existing state, such as a name already taken. */
public class ConflictException extends OutpostException {

    public ConflictException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "ALREADY_EXISTS";
    }
}
