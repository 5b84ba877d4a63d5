package dev.outpost.edge.drivers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * Installs the configured custom drivers once, at a service's startup. Services that open database connections
 * observe their {@code StartupEvent} and call {@link #installIfConfigured()}: any failure is thrown, so the service
 * stops with the reason instead of running without the drivers it was configured with.
 */
@ApplicationScoped
public class CustomDriversInstaller {

    private static final Logger LOG = Logger.getLogger(CustomDriversInstaller.class);

    @Inject
    DriversConfig config;

    // Resolved only for an s3:// source: a service configured without S3 still starts with an https:// source.
    @Inject
    Instance<S3Client> s3;

    private CustomDrivers installed;

    /**
     * Fetches, verifies, unpacks and registers the drivers of {@code outpost.drivers.source}, if set.
     *
     * @return the installed drivers, or {@code null} when none are configured
     * @throws DriversException when only one of source and sha256 is set, or anything about the zip is wrong
     */
    public synchronized CustomDrivers installIfConfigured() {
        if (installed == null) {
            installed = install(config, s3::get);
        }
        return installed;
    }

    /**
     * @param config where the drivers come from
     * @param s3     the S3 client, asked for only for an {@code s3://} source
     * @return the installed drivers, or {@code null} when none are configured
     * @throws DriversException when only one of source and sha256 is set, or anything about the zip is wrong
     */
    static CustomDrivers install(DriversConfig config, Supplier<S3Client> s3) {
        var source = config.source().filter(s -> !s.isBlank());
        var sha256 = config.sha256().filter(s -> !s.isBlank());
        if (source.isEmpty() && sha256.isEmpty()) {
            return null;
        }
        if (source.isEmpty() || sha256.isEmpty()) {
            throw new DriversException("custom drivers need both outpost.drivers.source and outpost.drivers.sha256"
                    + " (Helm: customDrivers.source and customDrivers.sha256); only "
                    + (source.isPresent() ? "source" : "sha256") + " is set. Set both, or neither for no custom drivers.");
        }
        var from = DriversSource.parse(source.get());
        DriversArchive.checkSha256Format(sha256.get());
        CustomDrivers drivers;
        try {
            var folder = Files.createTempDirectory("outpost-drivers");
            var zip = folder.resolve("drivers.zip");
            from.fetch(zip, s3);
            var archive = DriversArchive.verifyAndUnpack(zip, sha256.get(), from,
                    Files.createDirectory(folder.resolve("unpacked")));
            drivers = CustomDrivers.register(archive, from);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the custom drivers", e);
        }
        LOG.infof("Custom JDBC drivers from %s (SHA-256 %s verified): %s", from, sha256.get(), drivers.driverClasses());
        return drivers;
    }
}
