package dev.outpost.planemanager.link;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready means linked: up only while EdgeLink is open and control-api has welcomed the edge, so {@code kubectl rollout
 * status} and the chart's {@code helm test} show whether the edge is connected. Liveness deliberately does not look
 * at the link: an unreachable control plane must not make Kubernetes restart the compute plane.
 */
@Readiness
@ApplicationScoped
public class LinkReadiness implements HealthCheck {

    private final EdgeLinkClient link;

    LinkReadiness(EdgeLinkClient link) {
        this.link = link;
    }

    @Override
    public HealthCheckResponse call() {
        if (link.linked()) {
            return HealthCheckResponse.named("edge-link").up().build();
        }
        return HealthCheckResponse.named("edge-link").down().withData("reason", "not linked: "
                + link.notLinkedReason()).build();
    }
}
