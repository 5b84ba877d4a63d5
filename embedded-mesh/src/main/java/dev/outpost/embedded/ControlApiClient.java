package dev.outpost.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * A small client of control-api's public REST API ({@code /api/v1}), answering with the JSON as it came. Every call
 * carries the client's API key ({@code Authorization: Bearer …}). Any answer other than 2xx becomes a
 * {@link ControlApiException} carrying the status and control-api's error body.
 */
public final class ControlApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    // control-api waits up to 30 s for the edge on interactive calls (files, failing rows): leave it room to answer.
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI baseUri;
    private final HttpClient http;
    private final String apiKey;

    /**
     * @param baseUri control-api's base URL, e.g. {@code https://127.0.0.1:8443}
     * @param tls     the TLS context that trusts control-api's certificate
     * @param apiKey  the API key every call carries ({@code opk_…}); null for none
     */
    public ControlApiClient(URI baseUri, SSLContext tls, String apiKey) {
        this(baseUri, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(tls).build(), apiKey);
    }

    private ControlApiClient(URI baseUri, HttpClient http, String apiKey) {
        this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        this.http = http;
        this.apiKey = apiKey;
    }

    /** The same client calling with {@code otherKey} instead (null for no key), e.g. to try a viewer's key. */
    public ControlApiClient withApiKey(String otherKey) {
        return new ControlApiClient(baseUri, http, otherKey);
    }

    /** control-api's base URL. */
    public URI baseUri() {
        return baseUri;
    }

    /** Registers an edge; answers {@code {edge:{id,…}, token}}. */
    public JsonNode createEdge(String name) {
        return send("POST", "/api/v1/edges", Map.of("name", name));
    }

    /** One edge, with its {@code status} ({@code connected} / {@code disconnected}). */
    public JsonNode edge(String edgeId) {
        return send("GET", "/api/v1/edges/" + encode(edgeId), null);
    }

    /** Registers a data source: files under {@code prefix} in {@code bucket}, read by the edge {@code edgeId}. */
    public JsonNode createDataSource(String name, String edgeId, String bucket, String prefix, String format) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("edgeId", edgeId);
        body.put("bucket", bucket);
        body.put("prefix", prefix);
        body.put("format", format);
        return send("POST", "/api/v1/data-sources", body);
    }

    /** The data source's files with their inferred columns, as the edge's metadata-browser sees them. */
    public JsonNode dataSourceFiles(String dataSourceId) {
        return send("GET", "/api/v1/data-sources/" + encode(dataSourceId) + "/files", null);
    }

    /** Stores a rule set; a YAML with problems is answered 400 with their lines and columns. */
    public JsonNode createRuleSet(String name, String yaml) {
        return send("POST", "/api/v1/rule-sets", Map.of("name", name, "yaml", yaml));
    }

    /** Submits a job; {@code sampleLimit} may be null for control-api's default. */
    public JsonNode submitJob(String dataSourceId, String ruleSetId, Integer sampleLimit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dataSourceId", dataSourceId);
        body.put("ruleSetId", ruleSetId);
        if (sampleLimit != null) {
            body.put("sampleLimit", sampleLimit);
        }
        return send("POST", "/api/v1/jobs", body);
    }

    /** One job with its state, progress and, once done, its result or failure. */
    public JsonNode job(String jobId) {
        return send("GET", "/api/v1/jobs/" + encode(jobId), null);
    }

    /** A page of a check's failing rows, decrypted on the edge and relayed (never stored) by control-api. */
    public JsonNode failingRows(String jobId, String check, int page, int pageSize) {
        return send("GET", "/api/v1/jobs/" + encode(jobId) + "/checks/" + encode(check) + "/failing-rows?page=" + page
                + "&pageSize=" + pageSize, null);
    }

    /**
     * Polls a job until it succeeds or fails.
     *
     * @param onChange   called with the job whenever its state, progress or message changed
     * @param stillWorth called before every poll; throws to give up early (e.g. because a service died)
     * @return the finished job
     * @throws MeshException when it is not finished within {@code timeout}
     */
    public JsonNode awaitJob(String jobId, Duration timeout, Consumer<JsonNode> onChange, Runnable stillWorth) {
        String[] last = {""};
        return Poll.until("job " + jobId + " to finish", timeout, Duration.ofMillis(250), () -> {
            JsonNode job = job(jobId);
            String seen = job.path("state").asText() + "|" + job.path("progress").asText() + "|"
                    + job.path("progressMessage").asText();
            if (!seen.equals(last[0])) {
                last[0] = seen;
                onChange.accept(job);
            }
            String state = job.path("state").asText();
            return "succeeded".equals(state) || "failed".equals(state) ? Optional.of(job) : Optional.empty();
        }, stillWorth);
    }

    /**
     * Sends a request and answers its JSON body.
     *
     * @param method HTTP method
     * @param path   path and query under the base URL, already encoded
     * @param body   serialised as JSON, or null for none
     * @throws ControlApiException when the answer is not 2xx
     * @throws MeshException       when control-api cannot be reached
     */
    public JsonNode send(String method, String path, Object body) {
        Response response = exchange(method, path, body);
        if (response.status() / 100 != 2) {
            throw new ControlApiException(method, path, response.status(), response.body());
        }
        return response.body();
    }

    /** Sends a request and answers the status and JSON body, whatever the status. */
    public Response exchange(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), parse(response.body()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body cannot be written as JSON", e);
        } catch (IOException e) {
            throw new MeshException("control-api at " + baseUri + " did not answer " + method + " " + path + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshException("interrupted while calling control-api", e);
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // Not JSON (e.g. an HTML error page): keep the text so the error message can show it.
            return JSON.getNodeFactory().textNode(text);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * An answer of control-api.
     *
     * @param status the HTTP status
     * @param body   the JSON body ({@link NullNode} when empty; a text node when it was not JSON)
     */
    public record Response(int status, JsonNode body) {
    }
}
