package dev.outpost.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.outpost.embedded.CliArguments.DataFile;

/**
 * The demo flow against a running {@link Mesh}, through control-api's public REST API only: upload the data to the
 * customer's bucket, register it as a data source, store the rule set, run a job, and show its outcome and a page of
 * one check's failing rows.
 */
final class DemoRun {

    /** How long the job may take. */
    static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);
    /** Failing rows shown. */
    static final int PAGE_SIZE = 20;

    private final Mesh mesh;
    private final PrintStream out;
    private final Optional<DataFile> data;
    private final Optional<Path> rulesFile;

    DemoRun(Mesh mesh, PrintStream out, Optional<DataFile> data, Optional<Path> rulesFile) {
        this.mesh = mesh;
        this.out = out;
        this.data = data;
        this.rulesFile = rulesFile;
    }

    /**
     * Checks that the files given on the command line can be read, before anything is started.
     *
     * @throws MeshException naming the file that cannot be read
     */
    static void requireReadable(Optional<DataFile> data, Optional<Path> rules) {
        data.ifPresent(file -> requireReadable("--data", file.path()));
        rules.ifPresent(file -> requireReadable("--rules", file));
    }

    private static void requireReadable(String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MeshException(option + " " + file.toAbsolutePath() + " does not exist or is not a file");
        }
        if (!Files.isReadable(file)) {
            throw new MeshException(option + " " + file.toAbsolutePath() + " is not readable: check its permissions");
        }
    }

    /** Runs the flow; answers the exit code: 0 when the job succeeded, 1 when it failed. */
    int run() {
        ControlApiClient api = mesh.api();
        out.println();
        DataSourceSpec source = upload();
        JsonNode dataSource = api.createDataSource(source.name(), mesh.edgeId(), Mesh.DATA_BUCKET, source.prefix(),
                source.format().apiName());
        String dataSourceId = dataSource.path("id").asText();
        out.println("Data source " + source.name() + " (" + dataSourceId + "): s3://" + Mesh.DATA_BUCKET + "/"
                + source.prefix() + ", " + source.format().apiName());

        RuleSetSpec rules = rules(dataSourceId);
        JsonNode ruleSet;
        try {
            ruleSet = api.createRuleSet(rules.name(), rules.yaml());
        } catch (ControlApiException e) {
            if (e.status() == 400) {
                throw new MeshException("the rule set " + rules.origin() + " is invalid:\n" + problems(e.body()), e);
            }
            throw e;
        }
        out.println("Rule set " + rules.name() + " (" + ruleSet.path("id").asText() + "): "
                + plural(ruleSet.path("checkNames").size(), "check") + " from " + rules.origin());

        JsonNode submitted = api.submitJob(dataSourceId, ruleSet.path("id").asText(), null);
        String jobId = submitted.path("id").asText();
        out.println("Job " + jobId + " submitted to edge " + Mesh.EDGE_NAME);
        long started = System.nanoTime();
        JsonNode job = api.awaitJob(jobId, JOB_TIMEOUT, this::progress, mesh::requireHealthy);
        out.println("  " + job.path("state").asText() + " after " + Poll.since(started));
        out.println();

        if ("failed".equals(job.path("state").asText())) {
            JsonNode failure = job.path("failure");
            out.println("The job failed: " + failure.path("code").asText("UNKNOWN") + ": "
                    + failure.path("reason").asText("(no reason given)"));
            out.println("Job-runner logs: " + mesh.jobRunnerLogDir());
            return 1;
        }
        printResult(job.path("result"));
        printFailingRows(jobId, job.path("result"));
        return 0;
    }

    private record DataSourceSpec(String name, String prefix, CliArguments.Format format) {
    }

    private record RuleSetSpec(String name, String yaml, String origin) {
    }

    /** Puts the data in the customer's bucket, alone under its prefix. */
    private DataSourceSpec upload() {
        if (data.isEmpty()) {
            String prefix = "demo/customers/";
            mesh.clearPrefix(Mesh.DATA_BUCKET, prefix);
            mesh.upload(Mesh.DATA_BUCKET, prefix + DemoDataset.FILE_NAME, DemoDataset.data());
            out.println("Uploaded the sample " + DemoDataset.FILE_NAME + " (" + DemoDataset.ROWS + " customers, with "
                    + "planted defects) to s3://" + Mesh.DATA_BUCKET + "/" + prefix + DemoDataset.FILE_NAME);
            return new DataSourceSpec("demo-customers", prefix, CliArguments.Format.CSV);
        }
        DataFile file = data.get();
        String fileName = file.path().getFileName().toString();
        String name = slug(baseName(fileName));
        String prefix = "uploads/" + name + "/";
        mesh.clearPrefix(Mesh.DATA_BUCKET, prefix);
        mesh.upload(Mesh.DATA_BUCKET, prefix + fileName, file.path());
        out.println("Uploaded " + file.path() + " to s3://" + Mesh.DATA_BUCKET + "/" + prefix + fileName);
        return new DataSourceSpec(name, prefix, file.format());
    }

    private RuleSetSpec rules(String dataSourceId) {
        if (rulesFile.isPresent()) {
            Path file = rulesFile.get();
            try {
                String yaml = Files.readString(file, StandardCharsets.UTF_8);
                return new RuleSetSpec(slug(baseName(file.getFileName().toString())), yaml, file.toString());
            } catch (IOException e) {
                throw new MeshException("cannot read --rules " + file + ": " + e.getMessage(), e);
            }
        }
        if (data.isEmpty()) {
            return new RuleSetSpec("demo-rules", DemoDataset.rulesYaml(), "the sample rule set");
        }
        String yaml = starterRules(columnsOf(dataSourceId));
        out.println("No --rules given: a starter rule set from the file's columns (save it, edit it, and pass it "
                + "with --rules):");
        yaml.lines().forEach(line -> out.println("    " + line));
        return new RuleSetSpec("starter-rules", yaml, "the file's columns");
    }

    /** The columns of the data source's first file, as the edge's metadata-browser infers them. */
    private List<String> columnsOf(String dataSourceId) {
        JsonNode files = mesh.api().dataSourceFiles(dataSourceId).path("files");
        if (files.isEmpty()) {
            throw new MeshException("the edge found no file in the data source, so no rule set can be made from its "
                    + "columns; pass one with --rules");
        }
        JsonNode file = files.get(0);
        if (file.hasNonNull("inferenceError") && !file.path("inferenceError").asText().isEmpty()) {
            throw new MeshException("the edge could not read the columns of " + file.path("key").asText() + ": "
                    + file.path("inferenceError").asText());
        }
        List<String> columns = new ArrayList<>();
        file.path("columns").forEach(column -> columns.add(column.path("name").asText()));
        if (columns.isEmpty()) {
            throw new MeshException("the edge found no columns in " + file.path("key").asText()
                    + "; pass a rule set with --rules");
        }
        return columns;
    }

    /** A rule set that every sane table passes a first time: it has rows, and each column has no nulls. */
    static String starterRules(List<String> columns) {
        StringBuilder yaml = new StringBuilder("checks:\n");
        yaml.append("  - name: has-rows\n    type: row_count\n    min: 1\n");
        Set<String> names = new HashSet<>();
        names.add("has-rows");
        for (String column : columns) {
            String base = checkName(column) + "-present";
            String name = base;
            for (int n = 2; !names.add(name); n++) {
                name = base + "-" + n;
            }
            yaml.append("  - name: ").append(name).append('\n')
                    .append("    type: not_null\n")
                    .append("    column: ").append(quoted(column)).append('\n');
        }
        return yaml.toString();
    }

    private void progress(JsonNode job) {
        String state = job.path("state").asText();
        if ("succeeded".equals(state) || "failed".equals(state)) {
            return;
        }
        String percent = String.format(Locale.ROOT, "%3.0f%%", job.path("progress").asDouble() * 100);
        String message = job.path("progressMessage").asText("");
        out.println("  " + String.format(Locale.ROOT, "%-8s", state) + " " + percent
                + (message.isEmpty() ? "" : "  " + message));
    }

    private void printResult(JsonNode result) {
        out.println("Checks (" + result.path("rowsScanned").asLong() + " rows scanned in "
                + result.path("durationMillis").asLong() + " ms)");
        TextTable checks = new TextTable(40, "CHECK", "TYPE", "DIMENSION", ">ROWS CHECKED", ">ROWS FAILED", "RESULT");
        for (JsonNode check : result.path("checks")) {
            checks.row(check.path("name").asText(), check.path("type").asText(), check.path("dimension").asText(),
                    check.path("rowsChecked").asLong(), check.path("rowsFailed").asLong(),
                    outcome(check));
        }
        out.print(checks.render());
        out.println();
        out.println("Data-quality scores");
        TextTable scores = new TextTable(40, "DIMENSION", ">SCORE");
        result.path("dimensions").properties().forEach(entry -> scores.row(entry.getKey(), percent(entry.getValue())));
        scores.row("overall", percent(result.path("score")));
        out.print(scores.render());
        out.println();
    }

    private void printFailingRows(String jobId, JsonNode result) {
        Optional<JsonNode> shown = showcase(result);
        if (shown.isEmpty()) {
            out.println("No failing rows to show: no row-level check failed.");
            return;
        }
        String check = shown.get().path("name").asText();
        JsonNode page = mesh.api().failingRows(jobId, check, 0, PAGE_SIZE);
        JsonNode rows = page.path("rows");
        out.println("Failing rows of " + check + ": " + rows.size() + " of the " + page.path("totalRows").asLong()
                + " sampled (" + shown.get().path("rowsFailed").asLong() + " failed in all)");
        out.println("  decrypted on the edge by results-reader and relayed, never stored, by control-api");
        List<String> headers = new ArrayList<>();
        page.path("columns").forEach(column -> headers.add(column.asText()));
        TextTable table = new TextTable(32, headers.toArray(String[]::new));
        for (JsonNode row : rows) {
            List<String> cells = new ArrayList<>();
            row.forEach(cell -> cells.add(cell.isNull() ? null : cell.asText()));
            table.row(cells);
        }
        out.print(table.render());
    }

    /** The check whose failing rows are shown: the sample's showcase, else the first failed one with samples. */
    private Optional<JsonNode> showcase(JsonNode result) {
        List<JsonNode> failedWithSamples = new ArrayList<>();
        for (JsonNode check : result.path("checks")) {
            if (!check.path("passed").asBoolean() && check.path("samplesStored").asLong() > 0) {
                failedWithSamples.add(check);
            }
        }
        if (data.isEmpty()) {
            for (JsonNode check : failedWithSamples) {
                if (DemoDataset.SHOWCASE_CHECK.equals(check.path("name").asText())) {
                    return Optional.of(check);
                }
            }
        }
        return failedWithSamples.stream().findFirst();
    }

    /** control-api's problems with a rule set, one per line with its place; its message when it lists none. */
    static String problems(JsonNode error) {
        if (error.path("problems").isEmpty()) {
            return "    " + error.path("message").asText(error.toString());
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode problem : error.path("problems")) {
            String path = problem.path("path").asText("");
            lines.add("    line " + problem.path("line").asText("?") + ", column " + problem.path("column").asText("?")
                    + (path.isEmpty() ? "" : " (" + path + ")") + ": " + problem.path("message").asText());
        }
        return String.join("\n", lines);
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String percent(JsonNode score) {
        return String.format(Locale.ROOT, "%.1f %%", score.asDouble() * 100);
    }

    /** A name control-api accepts (a-z, 0-9, '-', at most 63), made from a file name. */
    static String slug(String text) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "data" : slug;
    }

    /** A check name made from a column name: [a-z0-9][a-z0-9_-]*, short enough for a suffix. */
    private static String checkName(String column) {
        String name = column.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-");
        if (name.length() > 40) {
            name = name.substring(0, 40);
        }
        name = name.replaceAll("^[-_]+|[-_]+$", "");
        return name.isEmpty() ? "column" : name;
    }

    /** A YAML double-quoted scalar: JSON string syntax, which YAML reads as is. */
    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** The file name without its data extensions ({@code .csv.gz}, {@code .csv}, {@code .parquet}, {@code .yaml}). */
    static String baseName(String fileName) {
        return fileName.replaceFirst("(?i)(\\.csv\\.gz|\\.csv|\\.parquet|\\.ya?ml)$", "");
    }

    /** {@code pass}, {@code warn} (did not pass, but its severity is warn) or {@code FAIL}. */
    private static String outcome(JsonNode check) {
        if (check.path("passed").asBoolean()) {
            return "pass";
        }
        return check.path("warned").asBoolean() ? "warn" : "FAIL";
    }
}