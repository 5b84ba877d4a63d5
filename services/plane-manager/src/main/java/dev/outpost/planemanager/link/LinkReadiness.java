package dev.outpost.planemanager.link;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready means linked: the leading replica is up only while EdgeLink is open and control-api has welcomed the edge, so
 * {@code kubectl rollout status} and the chart's {@code helm test} show whether the edge is connected. A standby (a
 * replica that does not lead, so does not link) is up with a detail saying so: were it not ready, a Deployment's
 * rolling update would never finish. Liveness deliberately does not look at the link: an unreachable control plane
 * must not make Kubernetes restart the compute plane.
 */
@Readiness
@ApplicationScoped
public class LinkReadiness implements HealthCheck {

    /** The readiness detail of a replica that does not lead. */
    public static final String STANDBY = "standby: not leading, the leader holds the link";

    private final EdgeLinkClient link;

    LinkReadiness(EdgeLinkClient link) {
        this.link = link;
    }

    @Override
    public HealthCheckResponse call() {
        if (link.linked()) {
            return HealthCheckResponse.named("edge-link").up().build();
        }
        if (!link.leading()) {
            return HealthCheckResponse.named("edge-link").up().withData("detail", STANDBY).build();
        }
        return HealthCheckResponse.named("edge-link").down().withData("reason", "not linked: "
                + link.notLinkedReason()).build();
    }
}
