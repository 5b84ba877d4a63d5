package dev.outpost.localcloud;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.jboss.logging.Logger;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An SQS-compatible server (ElasticMQ) on 127.0.0.1, speaking the same API as AWS SQS, including dead-letter queues
 * with a redrive policy. Queues live in memory and are gone after {@link #close()}.
 *
 * <p>Point an AWS SDK client at {@link #endpoint()} with region {@value #REGION} and any static credentials.
 */
public final class LocalSqs implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalSqs.class);

    /** The region ElasticMQ puts in queue ARNs; clients must sign for it. */
    public static final String REGION = "us-east-1";

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    // Route Pekko's logging into the host's logging backend instead of its own stdout logger, and keep it quiet.
    private static final Config PEKKO = ConfigFactory.parseString("""
            pekko.loggers = ["org.apache.pekko.event.slf4j.Slf4jLogger"]
            pekko.logging-filter = "org.apache.pekko.event.slf4j.Slf4jLoggingFilter"
            pekko.loglevel = WARNING
            pekko.stdout-loglevel = OFF
            """);

    private final ActorSystem actors;
    private final SQSRestServer server;
    private final URI endpoint;

    private LocalSqs(ActorSystem actors, SQSRestServer server, URI endpoint) {
        this.actors = actors;
        this.server = server;
        this.endpoint = endpoint;
    }

    /**
     * Starts a server on a free port.
     *
     * @return the running server
     */
    public static LocalSqs start() {
        return start(0);
    }

    /**
     * Starts a server.
     *
     * @param port the port to listen on, or 0 for any free port
     * @return the running server
     */
    public static LocalSqs start(int port) {
        // Our own actor system, so that close() can stop it: ElasticMQ only terminates systems it created itself,
        // and one it creates would also log to stdout.
        ActorSystem actors = ActorSystem.create("local-sqs", PEKKO.withFallback(ConfigFactory.load()));
        try {
            SQSRestServer server = SQSRestServerBuilder.withActorSystem(actors)
                    .withInterface("127.0.0.1")
                    .withPort(port)
                    .withAWSRegion(REGION)
                    .start();
            int boundPort = server.waitUntilStarted().localAddress().getPort();
            URI endpoint = URI.create("http://127.0.0.1:" + boundPort);
            LOG.infof("SQS (ElasticMQ) listening on %s", endpoint);
            return new LocalSqs(actors, server, endpoint);
        } catch (RuntimeException e) {
            actors.terminate();
            throw e;
        }
    }

    /**
     * @return the HTTP endpoint for SQS clients, e.g. {@code http://127.0.0.1:40123}
     */
    public URI endpoint() {
        return endpoint;
    }

    /** A new SQS client of this server (region {@value #REGION}, placeholder credentials); the caller closes it. */
    public SqsClient newClient() {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Stops the server and its actor system; queues and their messages are discarded. */
    @Override
    public void close() {
        try {
            server.stopAndWait();
        } finally {
            actors.terminate();
            try {
                actors.getWhenTerminated().toCompletableFuture().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf(e, "SQS actor system did not stop within %s", STOP_TIMEOUT);
            }
        }
        LOG.debugf("SQS on %s stopped", endpoint);
    }
}
