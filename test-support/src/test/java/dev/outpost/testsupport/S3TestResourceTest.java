package dev.outpost.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.outpost.localcloud.LocalS3;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

class S3TestResourceTest {

    @InjectLocalCloud
    LocalS3 server;

    @InjectLocalCloud
    S3Client injectedClient;

    @Test
    void createsTheDefaultBucketsAndServesThemWithTheReturnedCredentials() {
        S3TestResource resource = new S3TestResource();
        resource.init(Map.of());
        try {
            Map<String, String> config = resource.start();
            resource.inject(new FieldInjector(this));

            try (S3Client s3 = clientFrom(config)) {
                assertEquals(List.of("customer-data", "customer-results"),
                        s3.listBuckets().buckets().stream().map(Bucket::name).sorted().toList());

                // What a test puts in place through the injected client, the application's client reads.
                injectedClient.putObject(r -> r.bucket("customer-data").key("orders.csv"),
                        RequestBody.fromString("id,amount\n1,9.5\n"));
                assertEquals("id,amount\n1,9.5\n",
                        s3.getObjectAsBytes(r -> r.bucket("customer-data").key("orders.csv")).asUtf8String());
            }
            assertEquals(server.accessKey(), config.get("quarkus.s3.aws.credentials.static-provider.access-key-id"));
        } finally {
            resource.stop();
        }
    }

    @Test
    void createsTheBucketsNamedByTheInitArg() {
        S3TestResource resource = new S3TestResource();
        resource.init(Map.of(S3TestResource.BUCKETS, "raw, curated"));
        try (S3Client s3 = clientFrom(resource.start())) {
            assertEquals(List.of("curated", "raw"), s3.listBuckets().buckets().stream().map(Bucket::name).sorted()
                    .toList());
        } finally {
            resource.stop();
        }
    }

    private static S3Client clientFrom(Map<String, String> config) {
        assertEquals("true", config.get("quarkus.s3.path-style-access"));
        assertEquals("static", config.get("quarkus.s3.aws.credentials.type"));
        return S3Client.builder()
                .endpointOverride(URI.create(config.get("quarkus.s3.endpoint-override")))
                .region(Region.of(config.get("quarkus.s3.aws.region")))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        config.get("quarkus.s3.aws.credentials.static-provider.access-key-id"),
                        config.get("quarkus.s3.aws.credentials.static-provider.secret-access-key"))))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
