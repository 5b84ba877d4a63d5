package dev.outpost.control;

import java.io.IOException;
import java.net.URL;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import dev.outpost.testsupport.TlsTestResource;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.RestAssured;

/**
 * What every control-api test shares: REST and gRPC clients that reach the application over TLS and trust only the
 * test CA, as production clients do.
 */
abstract class HttpsTest {

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    /** A gRPC channel to the application over TLS, opened lazily on first call. */
    ManagedChannel channel;

    @BeforeEach
    void useHttps() throws IOException {
        RestAssured.baseURI = "https://" + https.getHost();
        RestAssured.port = https.getPort();
        RestAssured.trustStore(TlsTestResource.trustStore());
        channel = Grpc.newChannelBuilderForAddress(https.getHost(), https.getPort(), TlsChannelCredentials.newBuilder()
                .trustManager(TlsTestResource.files().caCertificate().toFile())
                .build()).build();
    }

    @AfterEach
    void closeChannel() {
        channel.shutdownNow();
    }
}
