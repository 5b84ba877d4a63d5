package dev.outpost.localcloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.jboss.logging.Logger;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-API server (S3Proxy) on 127.0.0.1, keeping buckets as folders of a local directory or in memory.
 *
 * <p>Requests must be signed with AWS Signature V4 using {@link #accessKey()} and {@link #secretKey()}, which are
 * random for every start. Clients use path-style access (buckets in the path, not in the host name) and region
 * {@value #REGION}; pre-signed URLs work too.
 */
public final class LocalS3 implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalS3.class);

    /** The region clients sign requests for. */
    public static final String REGION = "us-east-1";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final S3Proxy server;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;

    private LocalS3(S3Proxy server, URI endpoint, String accessKey, String secretKey) {
        this.server = server;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * Starts a server on a free port that keeps each bucket as a sub-folder of {@code folder}.
     *
     * @param folder where buckets are kept; created if missing, kept after {@link #close()}
     * @return the running server
     */
    public static LocalS3 start(Path folder) {
        return start(folder, 0);
    }

    /**
     * Starts a server that keeps each bucket as a sub-folder of {@code folder}.
     *
     * @param folder where buckets are kept; created if missing, kept after {@link #close()}
     * @param port   the port to listen on, or 0 for any free port
     * @return the running server
     */
    public static LocalS3 start(Path folder, int port) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the S3 folder " + folder, e);
        }
        return start(new FilesystemNio2BlobStore(folder.toAbsolutePath().toString()), port, folder.toString());
    }

    /**
     * Starts a server on a free port that keeps everything in memory, lost on {@link #close()}.
     *
     * @return the running server
     */
    public static LocalS3 startInMemory() {
        return start(new TransientNio2BlobStore(), 0, "memory");
    }

    private static LocalS3 start(BlobStore store, int port, String storedIn) {
        String accessKey = "outpost-" + randomHex(8);
        String secretKey = randomHex(20);
        S3Proxy server = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
                // Stop at once: a graceful stop waits seconds for idle keep-alive connections of clients that are
                // done anyway, since whoever closes the server has finished with it.
                .stopTimeout(0)
                .build();
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start on port " + port + ": " + e.getMessage(), e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + server.getPort());
        LOG.infof("S3 (S3Proxy) listening on %s, buckets in %s", endpoint, storedIn);
        return new LocalS3(server, endpoint, accessKey, secretKey);
    }

    /**
     * @return the HTTP endpoint for S3 clients (path-style), e.g. {@code http://127.0.0.1:40124}
     */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * @return the access key id clients sign with
     */
    public String accessKey() {
        return accessKey;
    }

    /**
     * @return the secret access key clients sign with
     */
    public String secretKey() {
        return secretKey;
    }

    /** Stops the server. Buckets in a folder stay there for the next start. */
    /** A new S3 client of this server (path-style, region {@value #REGION}, its keys); the caller closes it. */
    public S3Client newClient() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKey(), secretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy on " + endpoint + " did not stop cleanly", e);
        }
        LOG.debugf("S3 on %s stopped", endpoint);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
