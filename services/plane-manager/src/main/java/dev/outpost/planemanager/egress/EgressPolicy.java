package dev.outpost.planemanager.egress;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.outpost.proto.edgelink.v1.Command;
import dev.outpost.proto.interactive.v1.InteractiveRequest;

/**
 * Which commands the customer lets the control plane make: each command kind belongs to one {@link EgressClass} (the
 * one table below), and the edge's configuration switches classes off. A kind missing from the table is refused, so a
 * new kind stays off until someone classifies it (EgressPolicyTest fails until then).
 */
@ApplicationScoped
public class EgressPolicy {

    /** Every command kind, and every interactive request kind inside an interactive command, with its class. */
    static final Map<Enum<?>, EgressClass> CLASSES = Map.of(
            Command.KindCase.RUN_JOB, EgressClass.JOB_AGGREGATES,
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

    /** The class of what answering {@code command} sends back, or empty for a kind this plane-manager does not know. */
    public static Optional<EgressClass> classOf(Command command) {
        Enum<?> kind = command.hasInteractive() ? command.getInteractive().getKindCase() : command.getKindCase();
        return Optional.ofNullable(CLASSES.get(kind));
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
