package dev.outpost.helm;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The outpost-control chart rendered for real (helm-java), with its defaults plus a test's overrides. */
final class ControlChart {

    static final Path CHART = Path.of("outpost-control").toAbsolutePath();
    static final String RELEASE = "outpost-control";

    private ControlChart() {
    }

    /** Renders the chart's defaults plus the overrides (dotted keys). */
    static RenderedChart render(Map<String, Object> overrides) {
        return RenderedChart.parse(RenderedChart.template(CHART, new LinkedHashMap<>(overrides), RELEASE));
    }

    /** The message Helm fails with for these overrides. */
    static String failure(Map<String, Object> overrides) {
        try {
            render(overrides);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected outpost-control to refuse " + overrides);
    }

    static Deployment deployment(RenderedChart chart) {
        return chart.one(Deployment.class, RELEASE);
    }
}
