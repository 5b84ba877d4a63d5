package dev.outpost.control.error;

/** A referenced edge, data source, rule set, job or check does not exist. */
public class NotFoundException extends OutpostException {

    public NotFoundException(String kind, Object id) {
        super(kind + " '" + id + "' does not exist");
    }

    /** For things not named by an id of their own, such as a check of a job. */
    public NotFoundException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "NOT_FOUND";
    }
}
