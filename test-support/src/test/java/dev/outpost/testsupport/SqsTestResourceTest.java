package dev.outpost.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.outpost.localcloud.LocalSqs;
import dev.outpost.sqs.OutpostQueue;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class SqsTestResourceTest {

    @InjectLocalCloud
    LocalSqs server;

    @InjectLocalCloud
    SqsClient injectedClient;

    @Test
    void createsEveryQueueWithItsDeadLetterQueueUnderThePrefix() {
        SqsTestResource resource = new SqsTestResource();
        resource.init(Map.of(SqsTestResource.PREFIX, "it-"));
        try {
            Map<String, String> config = resource.start();
            resource.inject(new FieldInjector(this));

            try (SqsClient sqs = clientFrom(config)) {
                assertEquals("it-", config.get("outpost.queues.prefix"));
                assertEquals(OutpostQueue.values().length * 2,
                        sqs.listQueues(r -> r.queueNamePrefix("it-")).queueUrls().size());
                String jobs = sqs.getQueueUrl(r -> r.queueName(OutpostQueue.JOBS.queueName("it-"))).queueUrl();
                String redrive = sqs.getQueueAttributes(r -> r.queueUrl(jobs)
                        .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes()
                        .get(QueueAttributeName.REDRIVE_POLICY);
                assertTrue(redrive.contains("it-jobs-dlq") && redrive.contains("3"), redrive);

                // What a test puts on a queue through the injected client, the application's client receives.
                injectedClient.sendMessage(r -> r.queueUrl(jobs).messageBody("job-1"));
                assertEquals("job-1", sqs.receiveMessage(r -> r.queueUrl(jobs).waitTimeSeconds(5)).messages()
                        .getFirst().body());
            }
            assertEquals(URI.create(config.get("quarkus.sqs.endpoint-override")), server.endpoint());
        } finally {
            resource.stop();
        }
    }

    private static SqsClient clientFrom(Map<String, String> config) {
        assertEquals("static", config.get("quarkus.sqs.aws.credentials.type"));
        return SqsClient.builder()
                .endpointOverride(URI.create(config.get("quarkus.sqs.endpoint-override")))
                .region(Region.of(config.get("quarkus.sqs.aws.region")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        config.get("quarkus.sqs.aws.credentials.static-provider.access-key-id"),
                        config.get("quarkus.sqs.aws.credentials.static-provider.secret-access-key"))))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
