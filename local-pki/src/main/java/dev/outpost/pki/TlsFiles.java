package dev.outpost.pki;

import java.nio.file.Path;

/**
 * The PEM files of a local TLS setup.
 *
 * @param caCertificate     the CA certificate clients trust
 * @param serverCertificate the server's certificate chain (server certificate, then the CA)
 * @param serverKey         the server's private key (PKCS#8), readable by its owner only
 */
public record TlsFiles(Path caCertificate, Path serverCertificate, Path serverKey) {
}
