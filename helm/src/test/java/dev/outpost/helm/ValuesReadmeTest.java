package dev.outpost.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.List;
import java.util.regex.Pattern;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chart README's values table is generated from the `# --` comments of values.yaml (as helm-docs does).
 * After changing values.yaml, regenerate it: `./mvnw -pl helm install -Dtest=ValuesReadmeTest -Doutpost.helm.write-readme=true` (both charts).
 */
class ValuesReadmeTest {

    static final String START = "<!-- values-table:start (generated from values.yaml by ValuesReadmeTest) -->\n";
    static final String END = "<!-- values-table:end -->\n";

    @ParameterizedTest
    @ValueSource(strings = {"outpost-edge", "outpost-control"})
    void readmeValuesTableMatchesValuesYaml(String chart) throws IOException {
        var values = Files.readAllLines(Path.of(chart).resolve("values.yaml"));
        var table = table(values);
        var readmePath = Path.of(chart).resolve("README.md");
        var readme = Files.readString(readmePath);
        assertThat(readme).contains(START).contains(END);
        var current = readme.substring(readme.indexOf(START) + START.length(), readme.indexOf(END));
        if (Boolean.getBoolean("outpost.helm.write-readme")) {
            Files.writeString(readmePath, readme.replace(START + current + END, START + table + END));
            current = table;
        }
        assertThat(current).as("README values table; regenerate with -Doutpost.helm.write-readme=true").isEqualTo(table);
        // One row per documented value: header and separator lines aside.
        assertThat(table.lines().count() - 2).isEqualTo(values.stream().filter(l -> l.strip().startsWith("# --")).count());
    }

    static String table(List<String> lines) {
        var key = Pattern.compile("^(\\s*)([A-Za-z0-9_]+):(.*)$");
        var out = new StringBuilder("| Key | Default | Description |\n|---|---|---|\n");
        var parents = new ArrayDeque<String[]>(); // {indent, name}
        String doc = null;
        int skipDeeperThan = -1;
        for (var line : lines) {
            var stripped = line.strip();
            if (stripped.startsWith("# --")) {
                doc = stripped.substring(4).strip();
                continue;
            }
            var m = key.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int indent = m.group(1).length();
            if (skipDeeperThan >= 0 && indent > skipDeeperThan) {
                continue;
            }
            skipDeeperThan = -1;
            while (!parents.isEmpty() && Integer.parseInt(parents.peekLast()[0]) >= indent) {
                parents.removeLast();
            }
            var path = new StringBuilder();
            parents.forEach(p -> path.append(p[1]).append('.'));
            path.append(m.group(2));
            if (doc != null) {
                var value = m.group(3).strip();
                out.append("| `").append(path).append("` | ")
                        .append(value.isEmpty() ? "see `values.yaml`" : "`" + value.replace("|", "\\|") + "`")
                        .append(" | ").append(doc.replace("|", "\\|")).append(" |\n");
                skipDeeperThan = indent;
                doc = null;
            } else {
                parents.addLast(new String[] {String.valueOf(indent), m.group(2)});
            }
        }
        return out.toString();
    }
}
