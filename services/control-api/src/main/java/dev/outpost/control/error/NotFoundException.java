package dev.outpost.control.error;

/** A referenced edge, data source, rule set, job or check does not exist. */
public class NotFoundException extends OutpostException {

    public NotFoundException(String kind, Object id) {
        super(kind + " '" + id + "' does not exist");
    }

    @Override
    public String code() {
        return "NOT_FOUND";
    }
}
