package dev.outpost.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import dev.outpost.pki.LocalCertificateAuthority;
import dev.outpost.pki.TlsFiles;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * TLS material from a local CA for the control link. Init arg {@value #ROLE}: {@code server} (default) returns
 * control-api's certificate and key ({@code outpost.control.tls.*}), {@code client} returns the CA plane-manager
 * trusts ({@code outpost.edge.control-plane-ca}). Tests reach the same files through {@link #files()}
 * and {@link #clientContext()}, so their clients trust exactly what the application serves.
 */
public final class TlsTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: {@code server} or {@code client}. */
    public static final String ROLE = "role";

    private static volatile TlsFiles files;
    private String role = "server";

    @Override
    public void init(Map<String, String> initArgs) {
        role = initArgs.getOrDefault(ROLE, "server");
    }

    @Override
    public Map<String, String> start() {
        TlsFiles tls = files();
        return switch (role) {
            case "server" -> Map.of(
                    "outpost.control.tls.certificate", tls.serverCertificate().toString(),
                    "outpost.control.tls.key", tls.serverKey().toString());
            case "client" -> Map.of("outpost.edge.control-plane-ca", tls.caCertificate().toString());
            default -> throw new IllegalArgumentException("role '" + role + "': use 'server' or 'client'");
        };
    }

    @Override
    public void stop() {
        // The files live in a temporary directory for the JVM's lifetime; other test classes may still use them.
    }

    /** The CA and the server certificate of this test JVM, created on first use. */
    public static synchronized TlsFiles files() {
        if (files == null) {
            try {
                Path directory = Files.createTempDirectory("outpost-tls");
                directory.toFile().deleteOnExit();
                files = LocalCertificateAuthority.ensure(directory, List.of("localhost", "127.0.0.1"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** A key store holding only the CA, for clients that take one (RestAssured). */
    public static KeyStore trustStore() {
        return files().trustStore();
    }

    /** An SSL context that trusts the CA and nothing else. */
    public static SSLContext clientContext() {
        return files().clientContext();
    }
}
