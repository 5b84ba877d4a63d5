package dev.outpost.control.edge;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.outpost.control.ControlConfig;

/** Applies the support policy to edges, with control-api's release catalogue, version and support window. */
@ApplicationScoped
public class EdgeVersions {

    private final EdgeVersionPolicy policy;

    EdgeVersions(ControlConfig config, @ConfigProperty(name = "quarkus.application.version") String controlVersion) {
        this.policy = new EdgeVersionPolicy(ReleaseCatalogue.load(), controlVersion, config.edgeSupportWindow());
    }

    /** The verdict on {@code agentVersion} (null: never reported) now. */
    public VersionSupport support(String agentVersion) {
        EdgeVersionPolicy.Verdict verdict = policy.judge(agentVersion, Instant.now());
        return new VersionSupport(verdict.status().label(), verdict.detail(), verdict.latest().version().text(),
                policy.controlVersion(), verdict.versionSkew(), verdict.supportedUntil());
    }
}
