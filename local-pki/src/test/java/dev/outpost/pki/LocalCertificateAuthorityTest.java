package dev.outpost.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCertificateAuthorityTest {

    @TempDir
    Path dir;

    @Test
    void theServerCertificateIsSignedByTheCaForTheGivenNames() throws Exception {
        TlsFiles files = LocalCertificateAuthority.ensure(dir, List.of("localhost", "127.0.0.1"));

        X509Certificate ca = certificates(files.caCertificate()).getFirst();
        List<X509Certificate> chain = certificates(files.serverCertificate());
        assertThat(chain).hasSize(2);
        chain.getFirst().verify(ca.getPublicKey());
        assertThat(chain.getFirst().getSubjectAlternativeNames())
                .extracting(name -> name.get(1).toString())
                .containsExactly("localhost", "127.0.0.1");
        assertThat(ca.getBasicConstraints()).isZero();
        assertThat(chain.getFirst().getBasicConstraints()).isEqualTo(-1);
        assertThat(Files.getPosixFilePermissions(files.serverKey()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("ca.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void anExistingSetIsReusedSoClientsKeepTrustingIt() throws Exception {
        TlsFiles first = LocalCertificateAuthority.ensure(dir, List.of("localhost"));
        String ca = Files.readString(first.caCertificate());
        TlsFiles second = LocalCertificateAuthority.ensure(dir, List.of("localhost"));
        assertThat(Files.readString(second.caCertificate())).isEqualTo(ca);
    }

    @Test
    void aClientTrustingTheCaCompletesATls13Handshake() throws Exception {
        TlsFiles files = LocalCertificateAuthority.ensure(dir, List.of("localhost", "127.0.0.1"));
        SSLContext server = SSLContext.getInstance("TLS");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", privateKey(files.serverKey()), new char[0],
                certificates(files.serverCertificate()).toArray(Certificate[]::new));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        server.init(keyManagers.getKeyManagers(), null, null);

        SSLContext client = files.clientContext();

        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0)) {
            listener.setEnabledProtocols(new String[] {"TLSv1.3"});
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept(); OutputStream out = socket.getOutputStream()) {
                    out.write("ok".getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("localhost",
                    listener.getLocalPort()); InputStream in = socket.getInputStream()) {
                var parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
                socket.setSSLParameters(parameters);
                assertThat(new String(in.readNBytes(2), StandardCharsets.US_ASCII)).isEqualTo("ok");
                assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            }
            accepted.join();
        }
    }

    private static List<X509Certificate> certificates(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        }
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
