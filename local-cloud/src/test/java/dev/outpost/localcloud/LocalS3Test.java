package dev.outpost.localcloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class LocalS3Test {

    @TempDir
    Path folder;

    @Test
    void storesObjectsInTheFolderAndServesThemBackSigned() throws Exception {
        try (LocalS3 server = LocalS3.start(folder);
                S3Client s3 = client(server, server.secretKey())) {
            s3.createBucket(r -> r.bucket("customer-results"));
            s3.putObject(r -> r.bucket("customer-results").key("jobs/42/summary.json"),
                    RequestBody.fromString("{\"rows\":1000}"));

            String body = s3.getObjectAsBytes(r -> r.bucket("customer-results").key("jobs/42/summary.json"))
                    .asUtf8String();
            List<S3Object> listed = s3.listObjectsV2(r -> r.bucket("customer-results").prefix("jobs/")).contents();

            assertEquals("{\"rows\":1000}", body);
            assertEquals(List.of("jobs/42/summary.json"), listed.stream().map(S3Object::key).toList());
            assertTrue(Files.isDirectory(folder.resolve("customer-results")), "bucket is a folder on disk");
        }
    }

    @Test
    void refusesRequestsSignedWithAnotherSecret() {
        try (LocalS3 server = LocalS3.startInMemory();
                S3Client impostor = client(server, "not-the-secret")) {
            S3Exception e = assertThrows(S3Exception.class, () -> impostor.createBucket(r -> r.bucket("stolen")));
            assertEquals(403, e.statusCode());
        }
    }

    @Test
    void servesAPreSignedGetToAPlainHttpClient() throws IOException, InterruptedException, URISyntaxException {
        try (LocalS3 server = LocalS3.startInMemory();
                S3Client s3 = client(server, server.secretKey());
                S3Presigner presigner = S3Presigner.builder()
                        .endpointOverride(server.endpoint())
                        .region(Region.of(LocalS3.REGION))
                        .credentialsProvider(credentials(server.accessKey(), server.secretKey()))
                        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                        .build()) {
            s3.createBucket(r -> r.bucket("customer-results"));
            s3.putObject(r -> r.bucket("customer-results").key("page-1.csv"), RequestBody.fromString("id\n7\n"));

            var url = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket("customer-results").key("page-1.csv"))).url();
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(url.toURI()).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertEquals("id\n7\n", response.body());
        }
    }

    private static S3Client client(LocalS3 server, String secretKey) {
        return S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of(LocalS3.REGION))
                .forcePathStyle(true)
                .credentialsProvider(credentials(server.accessKey(), secretKey))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static StaticCredentialsProvider credentials(String accessKey, String secretKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }
}
