package dev.outpost.testsupport;

import java.util.Map;

import dev.outpost.localcloud.LocalSqs;
import dev.outpost.sqs.QueueTopology;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Starts an SQS server, creates every Outpost queue with its dead-letter queue, and points the Quarkus SQS client at
 * it.
 *
 * <p>Init arg {@value #PREFIX}: the queue-name prefix, default {@value #DEFAULT_PREFIX}; it is also returned as
 * {@code outpost.queues.prefix}. Injects {@code LocalSqs} and a ready {@code SqsClient} into fields marked
 * {@link InjectLocalCloud}.
 */
public final class SqsTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg naming the queue-name prefix. */
    public static final String PREFIX = "prefix";
    /** The queue-name prefix used when no init arg names one. */
    public static final String DEFAULT_PREFIX = "outpost-";

    // ElasticMQ accepts any credentials; these only have to be present for the client to sign.
    private static final String ACCESS_KEY = "test";
    private static final String SECRET_KEY = "test";

    private String prefix = DEFAULT_PREFIX;
    private LocalSqs server;
    private SqsClient client;

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault(PREFIX, DEFAULT_PREFIX);
    }

    @Override
    public Map<String, String> start() {
        server = LocalSqs.start();
        client = server.newClient();
        QueueTopology.ensure(client, prefix);
        return Map.of(
                "quarkus.sqs.endpoint-override", server.endpoint().toString(),
                "quarkus.sqs.aws.region", LocalSqs.REGION,
                "quarkus.sqs.aws.credentials.type", "static",
                "quarkus.sqs.aws.credentials.static-provider.access-key-id", ACCESS_KEY,
                "quarkus.sqs.aws.credentials.static-provider.secret-access-key", SECRET_KEY,
                "outpost.queues.prefix", prefix);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectLocalCloud.class, LocalSqs.class));
        injector.injectIntoFields(client,
                new TestInjector.AnnotatedAndMatchesType(InjectLocalCloud.class, SqsClient.class));
    }

    @Override
    public void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
