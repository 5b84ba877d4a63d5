package dev.outpost.metadatabrowser;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.outpost.edge.drivers.CustomDriversInstaller;
import io.quarkus.runtime.StartupEvent;

/**
 * Installs the configured custom JDBC drivers before browse requests are served: a zip that fails its SHA-256 check
 * (or anything else about it) stops the service at startup.
 */
@ApplicationScoped
class CustomDriversAtStartup {

    // Before the observers that start serving (default priority), so nothing is served without the drivers.
    void install(@Observes @Priority(1) StartupEvent started, CustomDriversInstaller drivers) {
        drivers.installIfConfigured();
    }
}
