package dev.outpost.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.outpost.localcloud.LocalPostgres;
import dev.outpost.sqs.OutpostQueue;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The resources as services use them: started by Quarkus, their config and fields reaching the test. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SqsTestResource.class)
@WithTestResource(S3TestResource.class)
class QuarkusIntegrationOfResourcesTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "outpost.queues.prefix")
    String queuePrefix;

    @InjectLocalCloud
    LocalPostgres postgres;

    @InjectLocalCloud
    SqsClient sqs;

    @InjectLocalCloud
    S3Client s3;

    @Test
    void configurationAndServersReachTheTest() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, postgres.user(), postgres.password())) {
            assertTrue(connection.isValid(5));
        }
        assertEquals(OutpostQueue.JOBS.queueName(queuePrefix),
                sqs.getQueueUrl(r -> r.queueName(OutpostQueue.JOBS.queueName(queuePrefix))).queueUrl()
                        .replaceAll(".*/", ""));
        assertEquals(2, s3.listBuckets().buckets().size());
    }
}
