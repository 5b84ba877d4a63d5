package dev.outpost.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.SimpleFormatter;

/**
 * {@code outpost demo | up | help}: the command line of the embedded default mode (see {@link CliArguments#USAGE}).
 *
 * <p>Exit codes: 0 done, 1 something failed (the message says what and what to do), 2 the command line is wrong.
 * The console shows only what a person needs; the servers' own logging goes to {@code <state>/logs/mesh.log}.
 */
public final class OutpostCli {

    /** Set by {@code ./outpost}: the repository root, where the packaged services are. */
    public static final String HOME_PROPERTY = "outpost.home";

    private OutpostCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command line; answers the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CliArguments arguments;
        try {
            arguments = CliArguments.parse(args);
        } catch (UsageException e) {
            err.println("outpost: " + e.getMessage());
            err.println("Run './outpost help' for usage.");
            return 2;
        }
        if (arguments.command() == CliArguments.Command.HELP) {
            out.print(CliArguments.USAGE);
            return 0;
        }
        Path stateDir = arguments.stateDir().toAbsolutePath().normalize();
        Path logFile = stateDir.resolve("logs").resolve("mesh.log");
        try {
            DemoRun.requireReadable(arguments.data(), arguments.rules());
            logToFile(logFile);
            Path repoRoot = repoRoot();
            Mesh.requireJars(repoRoot);
            out.println("Starting Outpost (state in " + stateDir + ", logs in " + stateDir.resolve("logs") + ")");
            long started = System.nanoTime();
            try (Mesh mesh = Mesh.start(Mesh.Options.of(stateDir, repoRoot, out::println))) {
                out.println("Outpost is up (" + Poll.since(started) + ")");
                if (arguments.command() == CliArguments.Command.DEMO) {
                    int code = new DemoRun(mesh, out, arguments.data(), arguments.rules()).run();
                    if (!arguments.keepRunning()) {
                        out.println();
                        out.println("Stopping Outpost…");
                        return code;
                    }
                }
                return stayUp(mesh, out, err);
            }
        } catch (MeshException e) {
            if (Mesh.stoppedByShutdown()) {
                return stopped(err);
            }
            err.println();
            err.println("outpost: " + e.getMessage());
            err.println("Logs: " + stateDir.resolve("logs"));
            if (arguments.debug()) {
                e.printStackTrace(err);
            }
            return 1;
        } catch (RuntimeException e) {
            if (Mesh.stoppedByShutdown()) {
                return stopped(err);
            }
            java.util.logging.Logger.getLogger(OutpostCli.class.getName()).log(Level.SEVERE, "Unexpected error", e);
            err.println();
            err.println("outpost: unexpected error: " + e);
            err.println("This is a bug in Outpost; the stack trace is in " + logFile
                    + " (or run again with --debug)");
            if (arguments.debug()) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /** Ctrl-C (or SIGTERM) stopped Outpost: what failed afterwards failed because of that. */
    private static int stopped(PrintStream err) {
        err.println("outpost: stopped");
        return 130;
    }

    /** Prints how to reach the mesh, then waits for Ctrl-C (the shutdown hook stops everything). */
    private static int stayUp(Mesh mesh, PrintStream out, PrintStream err) {
        out.println();
        out.print(describe(mesh));
        out.println();
        out.println("Press Ctrl-C to stop.");
        String why = mesh.unexpectedExit().join();
        err.println("outpost: " + why);
        return 1;
    }

    /** How to reach a running mesh, for {@code up}. */
    static String describe(Mesh mesh) {
        return String.join("\n",
                "Control plane",
                "  REST API      " + mesh.controlApiUri() + "/api/v1",
                "  gRPC          " + mesh.grpcAddress() + " (TLS 1.3, same port as REST)",
                "  CA to trust   " + mesh.caCertificate(),
                "  API key       " + mesh.adminKey() + " (admin of organisation default; also in "
                        + mesh.adminKeyFile() + "; send it as 'Authorization: Bearer <key>')",
                "  OpenAPI       " + mesh.openApiUri(),
                "  health        " + mesh.controlApiUri() + "/q/health/ready",
                "Compute plane",
                "  edge          " + Mesh.EDGE_NAME + " (" + mesh.edgeId() + ")",
                "  SQS endpoint  " + mesh.sqsEndpoint() + " (region us-east-1, queues " + Mesh.QUEUE_PREFIX + "*)",
                "  S3 endpoint   " + mesh.s3Endpoint() + " (region us-east-1, path-style)",
                "  S3 keys       access key " + mesh.s3AccessKey() + ", secret key " + mesh.s3SecretKey(),
                "  S3 buckets    " + Mesh.DATA_BUCKET + " (your data), " + Mesh.RESULTS_BUCKET
                        + " (encrypted results)",
                "  customer key  " + mesh.keyFile(),
                "  logs          " + mesh.stateDir().resolve("logs"),
                "");
    }

    /**
     * The repository root: {@value #HOME_PROPERTY} if set, else the folder this jar was built in
     * ({@code <root>/embedded-mesh/target/}), else the working directory.
     */
    static Path repoRoot() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        CodeSource source = OutpostCli.class.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            try {
                // .../embedded-mesh/target/outpost-embedded-mesh.jar or .../embedded-mesh/target/classes
                Path candidate = Path.of(source.getLocation().toURI()).toAbsolutePath().getParent();
                for (int up = 0; up < 2 && candidate != null; up++) {
                    candidate = candidate.getParent();
                }
                if (candidate != null && Files.isDirectory(candidate.resolve("services"))) {
                    return candidate;
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // Not a file location: fall back to the working directory.
            }
        }
        return Path.of("").toAbsolutePath();
    }

    /** Sends java.util.logging (and through it ElasticMQ, S3Proxy, PostgreSQL and our own logs) to a file. */
    private static void logToFile(Path logFile) {
        System.setProperty("org.jboss.logging.provider", "jdk");
        try {
            Files.createDirectories(logFile.getParent());
            LogManager.getLogManager().reset();
            // Read once, when SimpleFormatter is first loaded: set it before creating one.
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tF %1$tT.%1$tL %4$-7s [%3$s] %5$s%6$s%n");
            Handler file = new FileHandler(logFile.toString(), true);
            file.setFormatter(new SimpleFormatter());
            java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
            root.setLevel(Level.INFO);
            root.addHandler(file);
        } catch (IOException e) {
            throw new MeshException("cannot write the log file " + logFile + ": " + e.getMessage(), e);
        }
    }
}
