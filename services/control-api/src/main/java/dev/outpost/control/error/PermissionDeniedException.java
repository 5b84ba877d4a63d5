package dev.outpost.control.error;

/** An authenticated caller whose role does not allow what it asked for. */
public class PermissionDeniedException extends OutpostException {

    public PermissionDeniedException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "PERMISSION_DENIED";
    }
}
