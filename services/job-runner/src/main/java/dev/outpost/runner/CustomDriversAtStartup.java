package dev.outpost.runner;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.outpost.edge.drivers.CustomDriversInstaller;
import io.quarkus.runtime.StartupEvent;

/**
 * Installs the configured custom JDBC drivers before the runner takes a job: a zip that fails its SHA-256 check (or
 * anything else about it) stops the runner at startup, and the job stays on its queue.
 */
@ApplicationScoped
class CustomDriversAtStartup {

    void install(@Observes @Priority(1) StartupEvent started, CustomDriversInstaller drivers) {
        drivers.installIfConfigured();
    }
}
