package dev.outpost.dq.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Where a secret lives on the edge, never the secret itself: {@code env:NAME} (an environment variable of the
 * process) or {@code file:/absolute/path} (e.g. a mounted Kubernetes Secret). The control side stores and sends only
 * the reference; the edge resolves it when it connects, so the secret never leaves the customer's cluster.
 *
 * @param kind where to look
 * @param location the variable name or the file path
 */
public record SecretReference(Kind kind, String location) {

    /** Where a secret can live. */
    public enum Kind {
        /** An environment variable of the job-runner process. */
        ENV,
        /** A file, read whole, one trailing line break dropped. */
        FILE
    }

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");

    public SecretReference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
    }

    /**
     * Reads a reference written as {@code env:NAME} or {@code file:/absolute/path}.
     *
     * @throws IllegalArgumentException naming what is wrong, when {@code reference} has neither form
     */
    public static SecretReference parse(String reference) {
        Objects.requireNonNull(reference, "reference");
        if (reference.startsWith("env:")) {
            String name = reference.substring(4);
            if (!VARIABLE.matcher(name).matches()) {
                throw new IllegalArgumentException("secret reference '" + reference + "' names no valid environment"
                        + " variable: write env:NAME with letters, digits and '_', e.g. env:ORDERS_DB_PASSWORD");
            }
            return new SecretReference(Kind.ENV, name);
        }
        if (reference.startsWith("file:")) {
            String path = reference.substring(5);
            if (!path.startsWith("/") || Path.of(path).normalize().toString().length() != path.length()) {
                throw new IllegalArgumentException("secret reference '" + reference + "' must name an absolute,"
                        + " normalised file path, e.g. file:/var/run/secrets/orders-db/password");
            }
            return new SecretReference(Kind.FILE, path);
        }
        throw new IllegalArgumentException("secret reference '" + reference + "' must start with env: or file:,"
                + " e.g. env:ORDERS_DB_PASSWORD or file:/var/run/secrets/orders-db/password");
    }

    /** Resolves the secret from this process's environment or file system. */
    public String resolve() {
        return resolve(System::getenv);
    }

    /**
     * Resolves the secret.
     *
     * @param environment looks up an environment variable ({@code System::getenv} in production)
     * @throws SecretUnavailableException naming the reference (never the secret) when it cannot be resolved
     */
    public String resolve(UnaryOperator<String> environment) {
        return switch (kind) {
            case ENV -> {
                String value = environment.apply(location);
                if (value == null || value.isEmpty()) {
                    throw new SecretUnavailableException("environment variable " + location + " is not set on the"
                            + " edge; set it in the job-runner's environment (e.g. from a Kubernetes Secret)");
                }
                yield value;
            }
            case FILE -> {
                try {
                    String value = Files.readString(Path.of(location), StandardCharsets.UTF_8);
                    yield value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
                            : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
                } catch (IOException e) {
                    throw new SecretUnavailableException("secret file " + location + " cannot be read on the edge ("
                            + e.getClass().getSimpleName() + "); mount the secret there and make it readable by the"
                            + " job-runner");
                }
            }
        };
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + location;
    }
}
