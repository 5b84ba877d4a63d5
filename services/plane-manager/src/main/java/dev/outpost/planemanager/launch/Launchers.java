package dev.outpost.planemanager.launch;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import dev.outpost.planemanager.LauncherConfig;

/** Chooses the job-runner launcher from {@code outpost.launcher.kind}. */
@ApplicationScoped
class Launchers {

    @Produces
    @ApplicationScoped
    JobRunnerLauncher launcher(LauncherConfig config) {
        return switch (config.kind()) {
            case "local" -> new LocalProcessLauncher(config.local().command().orElseThrow(() -> new IllegalStateException(
                    "outpost.launcher.local.command is not set: give the command that starts one job-runner")),
                    config.local().logDir().orElse(Path.of(System.getProperty("java.io.tmpdir"))));
            default -> throw new IllegalStateException("outpost.launcher.kind '" + config.kind()
                    + "' is not supported: use 'local'");
        };
    }
}
