package dev.outpost.planemanager.egress;

/** A class of what may leave the compute plane, as the customer switches it on or off. */
public enum EgressClass {

    /** Job states and aggregates: what running jobs means; always allowed. */
    JOB_AGGREGATES(null),
    /** Whether a data source can be reached, and why not (codes, no data); always allowed. */
    CONNECTION_CHECKS(null),
    /** File listings and inferred schemas. */
    CATALOG_IMPORT("catalog-import"),
    /** Pages of a check's failing rows or failing groups (a transient view, or a pre-signed URL to one). */
    RESULT_PAGES("result-pages"),
    /** The first rows of an object or table (a transient view). */
    PREVIEWS("previews"),
    /** A profiling job's column profiles: min, max, quantiles, top values (a transient view). */
    PROFILES("profiles");

    private final String setting;

    EgressClass(String setting) {
        this.setting = setting;
    }

    /** The {@code outpost.edge.egress.*} key that switches this class, or null if it cannot be switched off. */
    public String setting() {
        return setting == null ? null : "outpost.edge.egress." + setting;
    }

    /** For messages: "result pages". */
    public String description() {
        return name().toLowerCase().replace('_', ' ');
    }
}
