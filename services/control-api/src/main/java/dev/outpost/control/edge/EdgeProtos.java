package dev.outpost.control.edge;

import java.util.Locale;

import dev.outpost.proto.api.v1.EdgeInstall;
import dev.outpost.proto.api.v1.SupportStatus;
import dev.outpost.proto.api.v1.VersionSupport;

/** The gRPC messages for an edge's version support and install (the REST records' twins in outpost.api.v1). */
final class EdgeProtos {

    private EdgeProtos() {
    }

    static VersionSupport versionSupport(dev.outpost.control.edge.VersionSupport support) {
        var builder = VersionSupport.newBuilder()
                .setStatus(SupportStatus.valueOf("SUPPORT_STATUS_" + support.status().toUpperCase(Locale.ROOT)))
                .setDetail(support.detail())
                .setLatestRelease(support.latestRelease())
                .setControlVersion(support.controlVersion())
                .setVersionSkew(support.versionSkew());
        if (support.supportedUntil() != null) {
            builder.setSupportedUntilMillis(support.supportedUntil().toEpochMilli());
        }
        return builder.build();
    }

    static EdgeInstall install(dev.outpost.control.edge.EdgeInstall install) {
        return EdgeInstall.newBuilder()
                .setRelease(install.release())
                .setNamespace(install.namespace())
                .setSecretName(install.secretName())
                .setValuesFileName(install.valuesFileName())
                .setValuesYaml(install.values())
                .addAllCommands(install.commands())
                .build();
    }
}
