package dev.outpost.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The PEM files of a local TLS setup.
 *
 * @param caCertificate     the CA certificate clients trust
 * @param serverCertificate the server's certificate chain (server certificate, then the CA)
 * @param serverKey         the server's private key (PKCS#8), readable by its owner only
 */
public record TlsFiles(Path caCertificate, Path serverCertificate, Path serverKey) {

    /** A key store holding only the CA certificate, for clients that take one. */
    public KeyStore trustStore() {
        try (InputStream in = Files.newInputStream(caCertificate)) {
            Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("outpost-ca", ca);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the CA certificate " + caCertificate, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the CA certificate " + caCertificate, e);
        }
    }

    /** An SSL context for clients that trusts the CA and nothing else. */
    public SSLContext clientContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build a TLS client context", e);
        }
    }
}
