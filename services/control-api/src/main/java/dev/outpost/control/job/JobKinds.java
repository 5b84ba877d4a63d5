package dev.outpost.control.job;

import java.util.Locale;

import dev.outpost.control.error.InvalidInputException;
import dev.outpost.proto.job.v1.JobKind;

/** Job kinds by their API names: {@code check}, {@code profile}, {@code metadata_import}. */
public final class JobKinds {

    /** The API name of JOB_KIND_CHECK. */
    public static final String CHECK = "check";

    private JobKinds() {
    }

    /** The kind a person may submit as a job: {@code check} (also when absent) or {@code profile}. */
    public static JobKind parseSubmittable(String name) {
        return switch (name == null ? CHECK : name.toLowerCase(Locale.ROOT)) {
            case CHECK -> JobKind.JOB_KIND_CHECK;
            case "profile" -> JobKind.JOB_KIND_PROFILE;
            default -> throw new InvalidInputException("kind '" + name + "' cannot be submitted as a job: use 'check'"
                    + " (apply a rule set; the default) or 'profile' (column types, nulls and distinct counts; no"
                    + " rule set)");
        };
    }

    /** The kind a person may submit over gRPC: JOB_KIND_UNSPECIFIED is JOB_KIND_CHECK. */
    public static JobKind submittable(JobKind kind) {
        return kind == JobKind.JOB_KIND_UNSPECIFIED ? JobKind.JOB_KIND_CHECK
                : parseSubmittable(kind == JobKind.UNRECOGNIZED ? "unknown" : name(kind));
    }

    /** The API (and stored) name of a kind; JOB_KIND_UNSPECIFIED is {@code check}. */
    public static String name(JobKind kind) {
        return switch (kind) {
            case JOB_KIND_UNSPECIFIED, JOB_KIND_CHECK -> CHECK;
            case JOB_KIND_PROFILE -> "profile";
            case JOB_KIND_METADATA_IMPORT -> "metadata_import";
            case UNRECOGNIZED -> throw new IllegalArgumentException("No API name for an unrecognised job kind");
        };
    }

    /** The kind of a stored (API) name. */
    public static JobKind of(String name) {
        return JobKind.valueOf("JOB_KIND_" + name.toUpperCase(Locale.ROOT));
    }
}
