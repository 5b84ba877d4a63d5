package dev.outpost.planemanager.egress;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.outpost.proto.edgelink.v1.Command;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.job.v1.JobKind;
import dev.outpost.proto.job.v1.JobSpec;

/**
 * Which commands the customer lets the control plane make: each command kind belongs to one {@link EgressClass} (the
 * one table below), and the edge's configuration switches classes off. A kind missing from the table is refused, so a
 * new kind stays off until someone classifies it (EgressPolicyTest fails until then).
 */
@ApplicationScoped
public class EgressPolicy {

    /**
     * Every command kind, every interactive request kind inside an interactive command, and every job kind inside a
     * RunJob command, with its class.
     */
    static final Map<Enum<?>, EgressClass> CLASSES = Map.of(
            JobKind.JOB_KIND_CHECK, EgressClass.JOB_AGGREGATES,
            // A profile's result holds counts only; its values stay sealed in the customer's bucket.
            JobKind.JOB_KIND_PROFILE, EgressClass.JOB_AGGREGATES,
            // Its result is the catalog: the objects' or tables' names, columns and row counts.
            JobKind.JOB_KIND_METADATA_IMPORT, EgressClass.CATALOG_IMPORT,
            InteractiveRequest.KindCase.BROWSE_FILES, EgressClass.CATALOG_IMPORT,
            InteractiveRequest.KindCase.BROWSE, EgressClass.CATALOG_IMPORT,
            InteractiveRequest.KindCase.TEST_CONNECTION, EgressClass.CONNECTION_CHECKS,
            InteractiveRequest.KindCase.PREVIEW, EgressClass.PREVIEWS,
            InteractiveRequest.KindCase.READ_FAILING_ROWS, EgressClass.RESULT_PAGES,
            InteractiveRequest.KindCase.READ_FAILING_GROUPS, EgressClass.RESULT_PAGES,
            InteractiveRequest.KindCase.READ_PROFILE, EgressClass.PROFILES);

    private final EgressConfig config;

    EgressPolicy(EgressConfig config) {
        this.config = config;
    }

    /**
     * The class of what answering {@code command} sends back, or empty for a kind (of command, interactive request or
     * job) this plane-manager does not know.
     */
    public static Optional<EgressClass> classOf(Command command) {
        return Optional.ofNullable(CLASSES.get(switch (command.getKindCase()) {
            case INTERACTIVE -> command.getInteractive().getKindCase();
            case RUN_JOB -> jobKind(command.getRunJob().getSpec());
            case KIND_NOT_SET -> command.getKindCase();
        }));
    }

    private static JobKind jobKind(JobSpec spec) {
        return spec.getKind() == JobKind.JOB_KIND_UNSPECIFIED ? JobKind.JOB_KIND_CHECK : spec.getKind();
    }

    /** Whether this edge lets {@code egress} leave. */
    public boolean allows(EgressClass egress) {
        return switch (egress) {
            case JOB_AGGREGATES, CONNECTION_CHECKS -> true;
            case CATALOG_IMPORT -> config.catalogImport();
            case RESULT_PAGES -> config.resultPages();
            case PREVIEWS -> config.previews();
            case PROFILES -> config.profiles();
        };
    }
}
