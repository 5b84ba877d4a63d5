package dev.outpost.embedded;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The parsed command line of {@code outpost}.
 *
 * @param command     what to do
 * @param data        {@code demo --data}: the user's own data file instead of the sample
 * @param rules       {@code demo --rules}: the user's own rule set instead of the sample's
 * @param stateDir    {@code --state-dir}: the state directory (default {@code ./.outpost})
 * @param keepRunning {@code demo --keep-running}: stay up after the demo, like {@code up}
 * @param debug       {@code --debug}: print stack traces with errors
 */
public record CliArguments(Command command, Optional<DataFile> data, Optional<Path> rules, Path stateDir,
        boolean keepRunning, boolean debug) {

    /** The state directory when none is given. */
    public static final Path DEFAULT_STATE_DIR = Path.of(".outpost");

    /** The commands. */
    public enum Command {
        DEMO, UP, HELP
    }

    /** The formats a data source can have, as control-api names them. */
    public enum Format {
        CSV, PARQUET;

        /** The name control-api uses, e.g. {@code csv}. */
        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A data file given with {@code --data}.
     *
     * @param path   where it is
     * @param format its format, told by its extension
     */
    public record DataFile(Path path, Format format) {

        /**
         * The file with the format its name tells: {@code .csv}, {@code .csv.gz} or {@code .parquet}.
         *
         * @throws UsageException for any other name
         */
        public static DataFile of(Path path) {
            String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
                return new DataFile(path, Format.CSV);
            }
            if (name.endsWith(".parquet")) {
                return new DataFile(path, Format.PARQUET);
            }
            throw new UsageException("cannot tell the format of --data " + path + ": name it *.csv, *.csv.gz or "
                    + "*.parquet");
        }
    }

    /** The usage text. */
    public static final String USAGE = """
            Usage: ./outpost <command> [options]

            Runs a whole Outpost on this machine: control-api on an embedded PostgreSQL, a compute plane
            (plane-manager, job-runners, metadata-browser, results-reader) on a local SQS (ElasticMQ) and a
            local S3 (S3Proxy on a folder). No cloud, no cluster, no Docker.

            Commands:
              demo    Start Outpost, check a sample data set with a sample rule set, print the results and the
                      failing rows of one check, then stop.
              up      Start Outpost, print its addresses and keys, and keep it running until Ctrl-C.
              help    Print this text.

            Options:
              --data <file>        demo: check your own file (*.csv, *.csv.gz or *.parquet) instead of the sample.
                                   Without --rules, the rule set is made from the file's columns.
              --rules <file.yaml>  demo: apply your own rule set instead of the sample's.
              --keep-running       demo: stay up afterwards, as with 'up'.
              --state-dir <dir>    Where S3 objects, the customer key and the logs are kept (default ./.outpost).
              --debug              Print stack traces with errors.

            Examples:
              ./outpost demo
              ./outpost demo --data customers.parquet --rules my-rules.yaml
              ./outpost up
            """;

    /**
     * Parses the arguments after the program name.
     *
     * @throws UsageException when they cannot be understood
     */
    public static CliArguments parse(String... args) {
        if (args.length == 0) {
            throw new UsageException("no command given: use demo, up or help");
        }
        Command command = switch (args[0]) {
            case "demo" -> Command.DEMO;
            case "up" -> Command.UP;
            case "help", "-h", "--help" -> Command.HELP;
            default -> throw new UsageException("unknown command '" + args[0] + "': use demo, up or help");
        };
        Optional<DataFile> data = Optional.empty();
        Optional<Path> rules = Optional.empty();
        Path stateDir = DEFAULT_STATE_DIR;
        boolean keepRunning = false;
        boolean debug = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            switch (name) {
                case "--data" -> {
                    value = value != null ? value : valueAfter(args, i++, name);
                    data = Optional.of(DataFile.of(Path.of(requireNonEmpty(name, value))));
                }
                case "--rules" -> {
                    value = value != null ? value : valueAfter(args, i++, name);
                    rules = Optional.of(Path.of(requireNonEmpty(name, value)));
                }
                case "--state-dir" -> {
                    value = value != null ? value : valueAfter(args, i++, name);
                    stateDir = Path.of(requireNonEmpty(name, value));
                }
                case "--keep-running" -> keepRunning = flag(name, value);
                case "--debug" -> debug = flag(name, value);
                case "-h", "--help" -> command = Command.HELP;
                default -> throw new UsageException("unknown option '" + arg + "' for " + args[0]);
            }
        }
        if (command == Command.UP && (data.isPresent() || rules.isPresent() || keepRunning)) {
            throw new UsageException("--data, --rules and --keep-running belong to 'demo'; 'up' takes only "
                    + "--state-dir and --debug");
        }
        return new CliArguments(command, data, rules, stateDir, keepRunning, debug);
    }

    private static String valueAfter(String[] args, int index, String name) {
        if (index + 1 >= args.length || args[index + 1].startsWith("--")) {
            throw new UsageException(name + " needs a value, e.g. " + name + " " + example(name));
        }
        return args[index + 1];
    }

    private static String requireNonEmpty(String name, String value) {
        if (value.isBlank()) {
            throw new UsageException(name + " needs a value, e.g. " + name + " " + example(name));
        }
        return value;
    }

    private static boolean flag(String name, String value) {
        if (value != null) {
            throw new UsageException(name + " takes no value");
        }
        return true;
    }

    private static String example(String name) {
        return switch (name) {
            case "--data" -> "customers.csv";
            case "--rules" -> "rules.yaml";
            default -> "/tmp/outpost-state";
        };
    }
}
