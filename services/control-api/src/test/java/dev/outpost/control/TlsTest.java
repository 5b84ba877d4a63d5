package dev.outpost.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import dev.outpost.proto.api.v1.EdgeServiceGrpc;
import dev.outpost.proto.api.v1.ListEdgesRequest;
import dev.outpost.testsupport.TlsTestResource;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ControlApiTestProfile.class)
class TlsTest extends HttpsTest {

    @Test
    void aTls13ClientIsServed() throws Exception {
        try (SSLSocket socket = handshake(TlsTestResource.clientContext(), "TLSv1.3")) {
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
        HttpResponse<String> health = HttpClient.newBuilder().sslContext(TlsTestResource.clientContext()).build()
                .send(HttpRequest.newBuilder(URI.create(https + "q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void aClientOfferingOnlyTls12IsRefused() {
        assertThatThrownBy(() -> handshake(TlsTestResource.clientContext(), "TLSv1.2").close())
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plaintextIsRefusedOnRestAndGrpc() {
        HttpClient plain = HttpClient.newHttpClient();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(
                URI.create("http://" + https.getHost() + ":" + https.getPort() + "/api/v1/edges")).build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);

        ManagedChannel plainChannel = ManagedChannelBuilder.forAddress(https.getHost(), https.getPort())
                .usePlaintext().build();
        try {
            assertThatThrownBy(() -> EdgeServiceGrpc.newBlockingStub(plainChannel)
                    .listEdges(ListEdgesRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            plainChannel.shutdownNow();
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateRefusesIt() throws Exception {
        assertThatThrownBy(() -> handshake(SSLContext.getDefault(), "TLSv1.3").close())
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("PKIX");
    }

    private SSLSocket handshake(SSLContext context, String protocol) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(https.getHost(), https.getPort());
        socket.setEnabledProtocols(new String[] {protocol});
        socket.startHandshake();
        return socket;
    }
}
