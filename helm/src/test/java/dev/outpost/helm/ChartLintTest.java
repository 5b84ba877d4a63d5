package dev.outpost.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `helm lint --strict`, Chart.yaml, and the documentation contract of values.yaml / values.schema.json. */
class ChartLintTest {

    @TempDir
    Path work;

    /**
     * helm-java's lint takes no values file, and the chart refuses to render without the required values, so the lint
     * runs on a copy whose values.yaml has them filled in (every other default unchanged).
     */
    @Test
    void strictLintPasses() throws IOException {
        var chart = copyChart();
        var values = Files.readString(chart.resolve("values.yaml"));
        for (var entry : Map.of(
                "  endpoint: \"\"\n  # -- control-api's port", "  endpoint: outpost.example.com\n  # -- control-api's port",
                "  id: \"\"", "  id: edge-7f3a",
                "  token: \"\"", "  token: opt_edge_secret_token",
                "  region: \"\"", "  region: eu-west-1",
                "  results: \"\"", "  results: acme-outpost-results",
                "    keyId: \"\"", "    keyId: alias/outpost").entrySet()) {
            assertThat(values).contains(entry.getKey());
            values = values.replaceFirst(Pattern.quote(entry.getKey()), entry.getValue());
        }
        Files.writeString(chart.resolve("values.yaml"), values);
        var result = new Helm(chart).lint().strict().call();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        // Helm lint only logs a template's `fail`: prove the linted values render the whole chart.
        assertThat(new Helm(chart).template().withName("lint").withKubeVersion("1.31.0").call())
                .contains("kind: Deployment").contains("name: lint-outpost-edge-plane-manager");
    }

    /** The lint is a real check: a broken template in a copy of the chart fails it. */
    @Test
    void lintFailsOnABrokenTemplate() throws IOException {
        var chart = copyChart();
        Files.writeString(chart.resolve("templates/broken.yaml"), "kind: ConfigMap\nname: {{ .Values.edge.id\n");
        var result = new Helm(chart).lint().strict().call();
        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("[ERROR]").contains("broken.yaml");
    }

    @Test
    void chartMetadata() throws IOException {
        var chart = RenderedChart.SERIALIZATION.unmarshal(Files.readString(RenderedChart.CHART.resolve("Chart.yaml")), Map.class);
        assertThat(chart).containsEntry("apiVersion", "v2").containsEntry("name", "outpost-edge")
                .containsEntry("version", "0.1.0").containsEntry("appVersion", "0.1.0").containsEntry("type", "application");
        for (var file : List.of("README.md", "UPGRADING.md", "templates/NOTES.txt", "templates/_helpers.tpl",
                "templates/_validation.tpl", "values.schema.json")) {
            assertThat(RenderedChart.CHART.resolve(file)).as(file).isNotEmptyFile();
        }
    }

    /** Every value is documented by a `# --` comment (children of a documented map or list inherit it). */
    @ParameterizedTest
    @ValueSource(strings = {"outpost-edge", "outpost-control"})
    void everyValueHasADocComment(String chart) throws IOException {
        var lines = Files.readAllLines(Path.of(chart).resolve("values.yaml"));
        var key = Pattern.compile("^(\\s*)([A-Za-z0-9_]+):(.*)$");
        var undocumented = new ArrayList<String>();
        int documentedIndent = -1;
        for (int i = 0; i < lines.size(); i++) {
            var matcher = key.matcher(lines.get(i));
            if (!matcher.matches()) {
                continue;
            }
            int indent = matcher.group(1).length();
            if (documentedIndent >= 0 && indent > documentedIndent) {
                continue;
            }
            documentedIndent = -1;
            var previous = i > 0 ? lines.get(i - 1).strip() : "";
            if (previous.startsWith("# --")) {
                documentedIndent = indent;
                continue;
            }
            boolean groupsKeys = matcher.group(3).isBlank() && i + 1 < lines.size()
                    && leadingSpaces(lines.get(i + 1)) > indent;
            if (!groupsKeys) {
                undocumented.add(lines.get(i).strip());
            }
        }
        assertThat(undocumented).isEmpty();
        assertThat(lines).filteredOn(l -> l.strip().startsWith("# --")).hasSizeGreaterThan(30);
    }

    /** values.schema.json: every chart-defined object closed (additionalProperties false), every property described. */
    @ParameterizedTest
    @ValueSource(strings = {"outpost-edge", "outpost-control"})
    void schemaIsClosedAndDescribedAndMatchesValues(String chart) throws IOException {
        var schema = new ObjectMapper().readTree(Path.of(chart).resolve("values.schema.json").toFile());
        var problems = new ArrayList<String>();
        walk("", schema, problems);
        assertThat(problems).isEmpty();
        Map<?, ?> values = RenderedChart.SERIALIZATION.unmarshal(Files.readString(Path.of(chart).resolve("values.yaml")), Map.class);
        var declared = new ArrayList<String>();
        schema.get("properties").fieldNames().forEachRemaining(declared::add);
        assertThat(declared).containsAll(values.keySet().stream().map(Object::toString).toList());
    }

    private static void walk(String path, JsonNode node, List<String> problems) {
        var properties = node.get("properties");
        if (properties != null) {
            var closed = node.get("additionalProperties");
            if (closed == null || !closed.isBoolean() || closed.asBoolean()) {
                problems.add(path + ": additionalProperties must be false");
            }
            properties.fields().forEachRemaining(p -> {
                if (!p.getValue().hasNonNull("description")) {
                    problems.add(path + "." + p.getKey() + ": no description");
                }
                if (!p.getValue().hasNonNull("type")) {
                    problems.add(path + "." + p.getKey() + ": no type");
                }
                walk(path + "." + p.getKey(), p.getValue(), problems);
            });
        }
        if (node.has("items")) {
            walk(path + "[]", node.get("items"), problems);
        }
    }

    private static int leadingSpaces(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    private Path copyChart() throws IOException {
        var target = work.resolve("outpost-edge");
        try (var files = Files.walk(RenderedChart.CHART)) {
            for (var source : files.toList()) {
                var destination = target.resolve(RenderedChart.CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination);
                }
            }
        }
        return target;
    }
}
