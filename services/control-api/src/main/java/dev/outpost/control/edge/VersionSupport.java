package dev.outpost.control.edge;

import java.time.Instant;

/**
 * Where an edge's plane-manager version stands in the support policy ({@link EdgeVersionPolicy}), as REST shows it.
 *
 * @param status         {@code unknown}, {@code supported}, {@code outdated} or {@code unsupported}
 * @param detail         why, and what to do
 * @param latestRelease  the newest release control-api knows of
 * @param controlVersion control-api's own version
 * @param versionSkew    whether the edge's MAJOR.MINOR differs from control-api's (or cannot be read)
 * @param supportedUntil for {@code outdated}: when support ends; null otherwise
 */
public record VersionSupport(String status, String detail, String latestRelease, String controlVersion,
        boolean versionSkew, Instant supportedUntil) {
}
