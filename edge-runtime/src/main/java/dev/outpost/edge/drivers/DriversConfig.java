package dev.outpost.edge.drivers;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Where custom JDBC drivers come from; both keys or neither (the Helm chart's {@code customDrivers.*}). */
@ConfigMapping(prefix = "outpost.drivers")
public interface DriversConfig {

    /** The drivers zip: an {@code s3://bucket/key}, {@code https://} or {@code file:} URL. */
    Optional<String> source();

    /** Lower-case hex SHA-256 (64 characters) of the zip; nothing in it is opened unless it matches. */
    Optional<String> sha256();
}
