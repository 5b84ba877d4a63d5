package dev.outpost.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import dev.outpost.testsupport.TlsTestResource;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HeaderConfig;

/**
 * What every control-api test shares: REST and gRPC clients that reach the application over TLS and trust only the
 * test CA, as production clients do, and call the API with the bootstrap admin key of organisation {@code default}
 * unless a test sends another key.
 */
abstract class HttpsTest {

    static final String AUTHORIZATION = "Authorization";

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    /** A gRPC channel to the application over TLS without an API key (EdgeLink, unauthenticated calls). */
    ManagedChannel channel;

    /** {@link #channel} with the default admin key on every call. */
    Channel api;

    @BeforeEach
    void useHttps() throws IOException {
        RestAssured.baseURI = "https://" + https.getHost();
        RestAssured.port = https.getPort();
        RestAssured.trustStore(TlsTestResource.trustStore());
        // A test's own Authorization header replaces the default one instead of being sent beside it.
        RestAssured.config = RestAssured.config()
                .headerConfig(HeaderConfig.headerConfig().overwriteHeadersWithName(AUTHORIZATION));
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader(AUTHORIZATION, bearer(adminKey()))
                .build();
        channel = Grpc.newChannelBuilderForAddress(https.getHost(), https.getPort(), TlsChannelCredentials.newBuilder()
                .trustManager(TlsTestResource.files().caCertificate().toFile())
                .build()).build();
        api = withKey(adminKey());
    }

    @AfterEach
    void closeChannel() {
        channel.shutdownNow();
    }

    /** {@link #channel} sending {@code key} on every call. */
    Channel withKey(String key) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), bearer(key));
        return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    static String bearer(String key) {
        return "Bearer " + key;
    }

    /** The status {@code call} fails with; fails the test if it succeeds. */
    static Status failure(Supplier<?> call) {
        try {
            call.get();
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
        throw new AssertionError("the call succeeded, but it should have failed");
    }

    /** The admin key control-api wrote at its first start (the test database is new on every run). */
    static String adminKey() {
        try {
            return Files.readString(ControlApiTestProfile.ADMIN_KEY_FILE).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("control-api did not write its bootstrap admin key", e);
        }
    }
}
