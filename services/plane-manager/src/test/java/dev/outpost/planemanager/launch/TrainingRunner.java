package dev.outpost.planemanager.launch;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Stands in for a job-runner in {@link LocalProcessLauncherTest}: prints the JVM options it was started with, waits
 * until the file {@code args[0]} exists when given, and exits with {@code args[1]} (0 if not given).
 */
public final class TrainingRunner {

    private TrainingRunner() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("JVM options: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.flush();
        if (args.length > 0) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!Files.exists(Path.of(args[0])) && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
        }
        System.exit(args.length > 1 ? Integer.parseInt(args[1]) : 0);
    }
}
