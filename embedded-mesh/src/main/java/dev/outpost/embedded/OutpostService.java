package dev.outpost.embedded;

import java.nio.file.Path;

/** The five Outpost services, each a packaged Quarkus application in the repository. */
public enum OutpostService {
    CONTROL_API("control-api"),
    PLANE_MANAGER("plane-manager"),
    JOB_RUNNER("job-runner"),
    METADATA_BROWSER("metadata-browser"),
    RESULTS_READER("results-reader");

    private final String serviceName;

    OutpostService(String serviceName) {
        this.serviceName = serviceName;
    }

    /** The service's name, which is also its folder under {@code services/} and its log file's name. */
    public String serviceName() {
        return serviceName;
    }

    /** Where {@code ./mvnw package} puts the service's runnable jar, under the repository root. */
    public Path jar(Path repoRoot) {
        return repoRoot.resolve("services").resolve(serviceName)
                .resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    @Override
    public String toString() {
        return serviceName;
    }
}
