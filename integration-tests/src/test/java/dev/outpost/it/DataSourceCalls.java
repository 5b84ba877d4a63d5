package dev.outpost.it;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import dev.outpost.embedded.ControlApiClient;
import dev.outpost.embedded.ControlApiClient.Response;

/**
 * control-api's data-source calls that {@link ControlApiClient} has no method for: registering a table source, and
 * testing, browsing and previewing a source through its edge. Each answers the status and body as they came, so
 * that a test can look at an error as closely as at an answer.
 */
final class DataSourceCalls {

    private final ControlApiClient api;

    DataSourceCalls(ControlApiClient api) {
        this.api = api;
    }

    /** Registers a PostgreSQL table source on {@code edgeId}; answers its id. */
    String createTableSource(String name, String edgeId, Map<String, Object> table) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("edgeId", edgeId);
        body.put("table", table);
        return api.send("POST", "/api/v1/data-sources", body).path("id").asText();
    }

    /** {@code POST …/test-connection}, with {@code schema} for a table source (null for its own). */
    Response testConnection(String dataSourceId, String schema) {
        return api.exchange("POST", path(dataSourceId, "test-connection", "schema", schema), null);
    }

    /** {@code GET …/browse}; {@code query} holds the parameters given (prefix, schema, limit). */
    Response browse(String dataSourceId, String... query) {
        return api.exchange("GET", path(dataSourceId, "browse", query), null);
    }

    /** {@code GET …/preview}; {@code query} holds the parameters given (key, schema, table, limit). */
    Response preview(String dataSourceId, String... query) {
        return api.exchange("GET", path(dataSourceId, "preview", query), null);
    }

    /** The same calls with another API key. */
    DataSourceCalls withApiKey(String apiKey) {
        return new DataSourceCalls(api.withApiKey(apiKey));
    }

    /** The path of an operation on a data source; {@code query} alternates names and values, null values left out. */
    private static String path(String dataSourceId, String operation, String... query) {
        StringJoiner parameters = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < query.length; i += 2) {
            if (query[i + 1] != null) {
                parameters.add(query[i] + "=" + encode(query[i + 1]));
            }
        }
        return "/api/v1/data-sources/" + encode(dataSourceId) + "/" + operation + parameters;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
