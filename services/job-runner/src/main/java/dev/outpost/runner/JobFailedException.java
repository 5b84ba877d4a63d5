package dev.outpost.runner;

/**
 * A job that cannot be evaluated, with the code and reason of its failed event. The reason is for the person who
 * submitted the job: it says what to fix, and never quotes the data.
 */
class JobFailedException extends RuntimeException {

    /** The rule set is invalid or does not fit the data (a column it reads is missing). */
    static final String INVALID_RULES = "INVALID_RULES";
    /** Nothing to read under the data location. */
    static final String DATA_NOT_FOUND = "DATA_NOT_FOUND";
    /** The data is there but cannot be read in the declared format. */
    static final String DATA_UNREADABLE = "DATA_UNREADABLE";
    /** The job's source is malformed (CSV options, a secret reference, references that do not fit the source). */
    static final String INVALID_SOURCE = "INVALID_SOURCE";
    /** A database password's secret reference cannot be resolved on the edge. */
    static final String SECRET_UNAVAILABLE = "SECRET_UNAVAILABLE";
    /** A PostgreSQL source did not answer within the runner's connect or query timeout. */
    static final String DATABASE_TIMEOUT = "DATABASE_TIMEOUT";
    /** Anything else: a fault of the runner or its environment. */
    static final String INTERNAL = "INTERNAL";

    private final String code;

    JobFailedException(String code, String reason) {
        super(reason);
        this.code = code;
    }

    String code() {
        return code;
    }
}
