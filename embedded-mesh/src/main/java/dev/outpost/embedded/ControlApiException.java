package dev.outpost.embedded;

import com.fasterxml.jackson.databind.JsonNode;

/** control-api answered a request with an error status; the message includes its error code, message and problems. */
public final class ControlApiException extends MeshException {

    private final int status;
    private final transient JsonNode body;

    ControlApiException(String method, String path, int status, JsonNode body) {
        super(describe(method, path, status, body));
        this.status = status;
        this.body = body;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** control-api's error body: {@code {error, message, problems?}}. */
    public JsonNode body() {
        return body;
    }

    private static String describe(String method, String path, int status, JsonNode body) {
        StringBuilder text = new StringBuilder("control-api refused ").append(method).append(' ').append(path)
                .append(" with HTTP ").append(status);
        if (body.hasNonNull("error")) {
            text.append(' ').append(body.get("error").asText());
        }
        if (body.hasNonNull("message")) {
            text.append(": ").append(body.get("message").asText());
        } else if (body.isTextual()) {
            String raw = body.asText();
            text.append(": ").append(raw.length() > 300 ? raw.substring(0, 300) + "…" : raw);
        }
        for (JsonNode problem : body.path("problems")) {
            text.append("\n    line ").append(problem.path("line").asText("?"))
                    .append(", column ").append(problem.path("column").asText("?"));
            if (!problem.path("path").asText().isEmpty()) {
                text.append(" (").append(problem.path("path").asText()).append(')');
            }
            text.append(": ").append(problem.path("message").asText());
        }
        return text.toString();
    }
}
