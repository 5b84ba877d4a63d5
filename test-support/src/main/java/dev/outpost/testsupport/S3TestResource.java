package dev.outpost.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.outpost.localcloud.LocalS3;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Starts an S3 server on a temporary folder, creates the buckets, and points the Quarkus S3 client at it.
 *
 * <p>Init arg {@value #BUCKETS}: comma-separated bucket names, default {@value #DEFAULT_BUCKETS}. Injects
 * {@code LocalS3} and a ready {@code S3Client} into fields marked {@link InjectLocalCloud}.
 */
public final class S3TestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg listing the buckets to create, comma-separated. */
    public static final String BUCKETS = "buckets";
    /** The buckets created when no init arg names any: the customer's primary data and the encrypted results. */
    public static final String DEFAULT_BUCKETS = "customer-data,customer-results";

    private List<String> buckets = parse(DEFAULT_BUCKETS);
    private Path folder;
    private LocalS3 server;
    private S3Client client;

    @Override
    public void init(Map<String, String> initArgs) {
        buckets = parse(initArgs.getOrDefault(BUCKETS, DEFAULT_BUCKETS));
    }

    @Override
    public Map<String, String> start() {
        try {
            folder = Files.createTempDirectory("outpost-s3");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = LocalS3.start(folder);
        client = server.newClient();
        buckets.forEach(bucket -> client.createBucket(b -> b.bucket(bucket)));
        return Map.of(
                "quarkus.s3.endpoint-override", server.endpoint().toString(),
                // The same server under another host name than the services' clients use: for results-reader's
                // pre-signed URLs, which must be signed for the host a person's client calls.
                "outpost.test.s3.endpoint-by-name", server.endpoint().toString().replace("127.0.0.1", "localhost"),
                "quarkus.s3.path-style-access", "true",
                "quarkus.s3.aws.region", LocalS3.REGION,
                "quarkus.s3.aws.credentials.type", "static",
                "quarkus.s3.aws.credentials.static-provider.access-key-id", server.accessKey(),
                "quarkus.s3.aws.credentials.static-provider.secret-access-key", server.secretKey());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectLocalCloud.class, LocalS3.class));
        injector.injectIntoFields(client,
                new TestInjector.AnnotatedAndMatchesType(InjectLocalCloud.class, S3Client.class));
    }

    @Override
    public void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (folder != null) {
            deleteRecursively(folder);
        }
    }

    private static List<String> parse(String buckets) {
        return Arrays.stream(buckets.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the S3 test folder " + root, e);
        }
    }
}
