package dev.outpost.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * A STAND-IN for AWS KMS, because no KMS can run on our machines: a JDK HTTP server that answers the two calls
 * {@link KmsKeyProvider} makes, {@code TrentService.Encrypt} and {@code TrentService.Decrypt}, in KMS's JSON protocol
 * (AWS JSON 1.1). It is not KMS: it checks no signature or permission and knows only the keys it is told about. It does
 * real cryptography: each key is a random AES-256 key, a ciphertext blob is {@code key-id length || key id || IV ||
 * AES-GCM(plaintext)} with the encryption context bound as associated data, so a changed blob or context fails like it
 * does in KMS ({@code InvalidCiphertextException}), and a blob of another key fails with {@code IncorrectKeyException}.
 * Every request body is kept so tests can assert the request's shape.
 */
final class KmsStandIn implements AutoCloseable {

    /** One call as the stand-in received it. */
    record Call(String target, JsonNode body) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final Map<String, SecretKeySpec> keys = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    KmsStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Creates a key under {@code keyId}. */
    void createKey(String keyId) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        keys.put(keyId, new SecretKeySpec(key, "AES"));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        JsonNode body = JsonNode.parser().parse(exchange.getRequestBody());
        calls.add(new Call(target, body));
        try {
            String answer = switch (target) {
                case "TrentService.Encrypt" -> encrypt(body);
                case "TrentService.Decrypt" -> decrypt(body);
                default -> throw new KmsError("UnsupportedOperationException", "the stand-in does not serve " + target);
            };
            respond(exchange, 200, answer);
        } catch (KmsError e) {
            respond(exchange, 400, "{\"__type\":\"" + e.type + "\",\"message\":\"" + e.getMessage() + "\"}");
        }
    }

    private String encrypt(JsonNode body) {
        String keyId = text(body, "KeyId");
        SecretKeySpec key = key(keyId);
        byte[] plaintext = Base64.getDecoder().decode(text(body, "Plaintext"));
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, key, iv, context(body), plaintext);
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        byte[] blob = ByteBuffer.allocate(1 + id.length + iv.length + sealed.length).put((byte) id.length).put(id)
                .put(iv).put(sealed).array();
        return "{\"CiphertextBlob\":\"" + Base64.getEncoder().encodeToString(blob) + "\",\"KeyId\":\"" + arn(keyId)
                + "\",\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"}";
    }

    private String decrypt(JsonNode body) {
        ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(text(body, "CiphertextBlob")));
        String blobKeyId;
        byte[] iv = new byte[12];
        byte[] sealed;
        try {
            byte[] id = new byte[Byte.toUnsignedInt(blob.get())];
            blob.get(id);
            blobKeyId = new String(id, StandardCharsets.UTF_8);
            blob.get(iv);
            sealed = new byte[blob.remaining()];
            blob.get(sealed);
        } catch (RuntimeException e) {
            throw new KmsError("InvalidCiphertextException", "the ciphertext is not one of ours");
        }
        if (!keys.containsKey(blobKeyId)) {
            throw new KmsError("InvalidCiphertextException", "the ciphertext is not one of ours");
        }
        if (body.field("KeyId").isPresent() && !text(body, "KeyId").equals(blobKeyId)) {
            throw new KmsError("IncorrectKeyException", "the ciphertext was encrypted under a different key");
        }
        byte[] plaintext = crypt(Cipher.DECRYPT_MODE, key(blobKeyId), iv, context(body), sealed);
        return "{\"Plaintext\":\"" + Base64.getEncoder().encodeToString(plaintext) + "\",\"KeyId\":\""
                + arn(blobKeyId) + "\",\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"}";
    }

    private SecretKeySpec key(String keyId) {
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new KmsError("NotFoundException", "Key '" + keyId + "' does not exist");
        }
        return key;
    }

    private static byte[] crypt(int mode, SecretKeySpec key, byte[] iv, byte[] aad, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new KmsError("InvalidCiphertextException", "");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The encryption context in a canonical form (sorted), bound as associated data as KMS binds it. */
    private static byte[] context(JsonNode body) {
        Map<String, String> context = new TreeMap<>();
        body.field("EncryptionContext").ifPresent(node -> node.asObject()
                .forEach((name, value) -> context.put(name, value.asString())));
        return context.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(JsonNode body, String field) {
        return body.field(field).orElseThrow(() -> new KmsError("ValidationException", field + " is required"))
                .asString();
    }

    private static String arn(String keyId) {
        return "arn:aws:kms:us-east-1:111122223333:key/" + keyId;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A KMS error: its {@code __type} and message. */
    private static final class KmsError extends RuntimeException {
        final String type;

        KmsError(String type, String message) {
            super(message);
            this.type = type;
        }
    }
}
