package dev.outpost.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark (see bench/README.md): generates the data, then runs every variant on every format, each run in a
 * fresh JVM so that its peak resident memory is its own, and prints a Markdown report.
 *
 * <p>Usage: {@code java -jar bench/target/outpost-bench.jar [--rows N] [--dir DIR] [--repeat R] [--runner-jar JAR]
 * [--runner-java-options "OPTIONS"] [--variants abcd]}.
 */
public final class Benchmark {

    private static final String CHILD = "--run";
    /**
     * The JVM options job-runner's image starts it with (services/job-runner/src/main/docker/Dockerfile.jvm), beyond
     * native access: (d) runs the runner as it is deployed.
     */
    static final String RUNNER_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals(CHILD)) {
            runChild(Variant.valueOf(args[1]), Path.of(args[2]), args[3]);
            return;
        }
        Map<String, String> options = options(args);
        long rows = Long.parseLong(options.getOrDefault("--rows", "5000000").replace("_", ""));
        Path directory = Path.of(options.getOrDefault("--dir", "bench/target/bench-data")).toAbsolutePath();
        int repeat = Integer.parseInt(options.getOrDefault("--repeat", "1"));
        Path runnerJar = Path.of(options.getOrDefault("--runner-jar",
                "services/job-runner/target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        String runnerOptions = options.getOrDefault("--runner-java-options", RUNNER_JAVA_OPTIONS).strip();
        List<String> runnerJavaOptions = runnerOptions.isEmpty() ? List.of() : List.of(runnerOptions.split("\\s+"));
        String variants = options.getOrDefault("--variants", "abcd");
        if (!variants.matches("[abcd]+") || !variants.contains("c") && !variants.equals("d")) {
            throw new IllegalArgumentException("--variants takes letters of abcd, with c whenever a, b or c is run"
                    + " (the others are compared with it), or d alone; got " + variants);
        }

        String aotCacheOption = options.getOrDefault("--runner-aot-cache", Runtime.version().feature() >= 25 ? "on"
                : "off");
        if (!aotCacheOption.matches("on|off")) {
            throw new IllegalArgumentException("--runner-aot-cache takes on or off (on needs JDK 25 or later); got "
                    + aotCacheOption);
        }
        boolean aotCache = aotCacheOption.equals("on");

        long generating = System.nanoTime();
        BenchData.generate(directory, rows);
        System.out.printf(Locale.ROOT, "data: %,d rows in %s (ready in %.1f s; parquet %,d bytes, csv %,d bytes)%n",
                rows, directory, seconds(System.nanoTime() - generating),
                Files.size(BenchData.file(directory, "parquet")), Files.size(BenchData.file(directory, "csv")));

        // Null without (d): try-with-resources closes only what it opened.
        try (WholeJob wholeJobs = variants.contains("d") && Files.exists(runnerJar) ? WholeJob.start(directory)
                : null) {
            List<String> wholeJobOptions = wholeJobs != null && aotCache
                    ? trainAotCache(wholeJobs, directory, runnerJar, runnerJavaOptions) : runnerJavaOptions;
            report(directory, rows, repeat, variants, runnerJar, wholeJobs, wholeJobOptions);
        }
    }

    /** Runs the chosen variants on each format and prints the table and the verdicts. */
    private static void report(Path directory, long rows, int repeat, String variants, Path runnerJar,
            WholeJob wholeJobs, List<String> wholeJobOptions) throws Exception {
        StringBuilder report = new StringBuilder();
        report.append("| format | variant | wall s (best of ").append(repeat)
                .append(") | rows/s | vs (c) | peak RSS MiB |\n|---|---|---|---|---|---|\n");
        List<String> verdicts = new ArrayList<>();
        for (String format : BenchData.FORMATS) {
            Map<Variant, Measurement> best = new EnumMap<>(Variant.class);
            List<Variant> chosen = List.of(Variant.values()).stream()
                    .filter(variant -> variants.indexOf(variant.letter()) >= 0).toList();
            for (Variant variant : chosen) {
                for (int i = 0; i < repeat; i++) {
                    Measurement measured = inChild(variant, directory, format);
                    best.merge(variant, measured, (a, b) -> a.wallNanos() <= b.wallNanos() ? a : b);
                }
            }
            Measurement reference = best.get(Variant.HAND_WRITTEN);
            List<Double> expected = reference == null ? null : reference.found();
            double handWritten = reference == null ? Double.NaN : reference.wallNanos();
            for (Variant variant : chosen) {
                Measurement m = best.get(variant);
                if (!agrees(m.found(), expected)) {
                    throw new IllegalStateException(variant + " on " + format + " found " + m.found()
                            + " but the hand-written query found " + expected);
                }
                report.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %,.0f | %.2f× | %d |%n", format,
                        variant.label(), seconds(m.wallNanos()), rows / seconds(m.wallNanos()),
                        m.wallNanos() / handWritten, m.peakRssKib() / 1024));
            }
            if (wholeJobs != null) {
                Benchmark.Measurement whole = null;
                for (int i = 0; i < repeat; i++) {
                    Measurement measured = wholeJobs.run(format, runnerJar, wholeJobOptions);
                    whole = whole == null || measured.wallNanos() < whole.wallNanos() ? measured : whole;
                }
                if (expected != null && !whole.found().subList(0, 7).equals(expected.subList(0, 7))) {
                    throw new IllegalStateException("the whole job on " + format + " found " + whole.found()
                            + " but the hand-written query found " + expected);
                }
                report.append(String.format(Locale.ROOT, "| %s | (d) whole job: job-runner process, SQS, S3, samples"
                        + " | %.2f | %,.0f | %.2f× | %d |%n", format, seconds(whole.wallNanos()),
                        rows / seconds(whole.wallNanos()), whole.wallNanos() / handWritten,
                        whole.peakRssKib() / 1024));
                verdicts.add(expected == null ? format + ": (d) found " + whole.found().subList(0, 7) + "; (c) not run"
                        : String.format(Locale.ROOT, "%s: (d)/(c) = %.2f (target at most 2: %s)", format,
                                whole.wallNanos() / handWritten, whole.wallNanos() / handWritten <= 2 ? "met"
                                        : "not met"));
            } else if (variants.contains("d")) {
                verdicts.add(format + ": (d) skipped: no job-runner at " + runnerJar + " (build it with ./mvnw -pl"
                        + " services/job-runner -am package -DskipTests, or pass --runner-jar)");
            }
            if (!chosen.containsAll(List.of(Variant.values()))) {
                continue;
            }
            double outpost = best.get(Variant.OUTPOST_SCAN).wallNanos();
            double perCheck = best.get(Variant.QUERY_PER_CHECK).wallNanos();
            verdicts.add(String.format(Locale.ROOT, "%s: (a)/(c) = %.2f (target at most 1.2: %s); (b)/(a) = %.2f (%s)",
                    format, outpost / handWritten, outpost / handWritten <= 1.2 ? "met" : "not met",
                    perCheck / outpost, !format.equals("csv") ? "no target on Parquet, reported"
                            : perCheck / outpost >= 2 ? "target at least 2: met" : "target at least 2: not met"));
            System.out.println(format + ": every variant found " + expected);
        }
        System.out.print(report);
        verdicts.forEach(System.out::println);
    }

    /**
     * Runs one whole job that trains the runner's AOT cache, as the embedded mesh's first job after a build does
     * (plane-manager's {@code outpost.launcher.local.aot-cache}), and prints what it took.
     *
     * @return the runner's JVM options with that cache, for the measured jobs
     */
    private static List<String> trainAotCache(WholeJob wholeJobs, Path directory, Path runnerJar,
            List<String> javaOptions) throws Exception {
        Path cache = directory.resolve("job-runner.aot");
        Files.deleteIfExists(cache);
        List<String> training = new ArrayList<>(javaOptions);
        training.add("-XX:AOTCacheOutput=" + cache);
        Measurement trained = wholeJobs.run("parquet", runnerJar, training);
        if (!Files.isRegularFile(cache)) {
            throw new IllegalStateException("the training job wrote no AOT cache; see " + directory.resolve(
                    "job-runner-parquet.log"));
        }
        System.out.printf(Locale.ROOT, "(d) the first job after a build trains the runner's AOT cache: %.2f s on"
                + " parquet until its process is gone (it writes the cache as it exits); the jobs measured below"
                + " start with it%n", seconds(trained.wallNanos()));
        List<String> withCache = new ArrayList<>(javaOptions);
        withCache.add("-XX:AOTCache=" + cache);
        return List.copyOf(withCache);
    }

    /**
     * One run's result.
     *
     * @param found the 7 failure counts and the average amount
     * @param wallNanos from the variant's start to its result, in the child JVM
     * @param peakRssKib the child JVM's peak resident memory (VmHWM), JVM and DuckDB together
     */
    record Measurement(List<Double> found, long wallNanos, long peakRssKib) {
    }

    private static Measurement inChild(Variant variant, Path directory, String format)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Benchmark.class.getName(), CHILD, variant.name(),
                directory.toString(), format)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(child.getInputStream().readAllBytes()).strip();
        if (!child.waitFor(30, TimeUnit.MINUTES) || child.exitValue() != 0) {
            throw new IllegalStateException(variant + " on " + format + " failed: " + output);
        }
        String[] parts = output.lines().reduce((first, last) -> last).orElseThrow().split(";");
        List<Double> found = List.of(parts[2].split(",")).stream().map(Double::valueOf).toList();
        return new Measurement(found, Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }

    private static void runChild(Variant variant, Path directory, String format) throws Exception {
        // Loading DuckDB's native library takes a second the first time in a JVM; no variant should pay for it.
        java.sql.DriverManager.getConnection("jdbc:duckdb:").close();
        long started = System.nanoTime();
        List<Double> found = variant.run(directory, format);
        long wall = System.nanoTime() - started;
        System.out.println(wall + ";" + peakRssKib(Path.of("/proc/self/status")) + ";" + String.join(",",
                found.stream().map(d -> Double.toString(d)).toList()));
    }

    /** The peak resident memory (VmHWM) in a {@code /proc/<pid>/status} file; -1 once the process is gone. */
    static long peakRssKib(Path status) {
        try {
            return Files.readAllLines(status).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(-1L);
        } catch (IOException gone) {
            return -1;
        }
    }

    private static boolean agrees(List<Double> found, List<Double> expected) {
        if (found.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < found.size(); i++) {
            if (Math.abs(found.get(i) - expected.get(i)) > 1e-6 * Math.max(1, Math.abs(expected.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("usage: [--rows N] [--dir DIR] [--repeat R] [--runner-jar JAR]"
                        + " [--runner-java-options \"OPTIONS\"] [--runner-aot-cache on|off] [--variants abcd]; got "
                        + args[i]);
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
