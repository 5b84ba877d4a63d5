package dev.outpost.control.edge;

import java.util.List;

/**
 * How to install or update an edge's compute plane with the outpost-edge Helm chart; returned once, with the token.
 * The values hold no secret (the chart reads the token from {@code secretName}); the commands do.
 *
 * @param release        the Helm release, derived from the edge's name
 * @param namespace      the Kubernetes namespace, derived from the edge's name
 * @param secretName     the Secret holding the token under key {@code token} (the chart's {@code edge.existingSecret})
 * @param valuesFileName the file name the commands expect {@code values} to be saved as
 * @param values         the chart's values file (YAML); fill in the keys marked as yours before installing
 * @param commands       shell commands to run in order
 */
public record EdgeInstall(String release, String namespace, String secretName, String valuesFileName, String values,
        List<String> commands) {
}
