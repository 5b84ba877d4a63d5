package dev.outpost.edge.drivers;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where the drivers zip comes from: {@code s3://bucket/key} (the service's S3 client and credentials),
 * {@code https://} or {@code http://} (the SHA-256 check, not the transport, is what vouches for the content), or
 * {@code file:} for a zip already on the machine.
 */
public final class DriversSource {

    private static final Duration HTTP_TIMEOUT = Duration.ofMinutes(2);

    private final URI uri;

    private DriversSource(URI uri) {
        this.uri = uri;
    }

    /**
     * @param source the configured URL
     * @return the source
     * @throws DriversException when the URL is malformed or of a scheme that is not supported
     */
    public static DriversSource parse(String source) {
        URI uri;
        try {
            uri = new URI(source.strip());
        } catch (URISyntaxException e) {
            throw new DriversException("outpost.drivers.source is not a URL (" + e.getReason()
                    + "): use s3://bucket/key, https://host/path or file:/path of the drivers zip");
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        var usable = switch (scheme) {
            case "s3" -> uri.getHost() != null && uri.getPath() != null && uri.getPath().length() > 1;
            case "https", "http" -> uri.getHost() != null;
            case "file" -> uri.getPath() != null;
            default -> false;
        };
        if (!usable) {
            throw new DriversException("outpost.drivers.source " + new DriversSource(uri)
                    + " is not usable: use s3://bucket/key, https://host/path or file:/path of the drivers zip");
        }
        return new DriversSource(uri);
    }

    /**
     * Copies the zip to {@code target} as it is; nothing is read from it here.
     *
     * @param target where the zip is written
     * @param s3     the S3 client, asked for only when the source is {@code s3://}
     * @throws DriversException when the zip cannot be fetched, naming the source and the reason
     */
    public void fetch(Path target, Supplier<S3Client> s3) {
        try {
            switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
                case "s3" -> s3.get().getObject(r -> r.bucket(uri.getHost()).key(uri.getPath().substring(1)), target);
                case "file" -> Files.copy(Path.of(uri), target, StandardCopyOption.REPLACE_EXISTING);
                default -> fetchHttp(target);
            }
        } catch (IOException | SdkException e) {
            throw new DriversException("cannot fetch the custom drivers zip from " + this + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriversException("interrupted while fetching the custom drivers zip from " + this, e);
        }
    }

    private void fetchHttp(Path target) throws IOException, InterruptedException {
        Files.deleteIfExists(target);
        try (var client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(HTTP_TIMEOUT).build()) {
            var response = client.send(HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(target));
            if (response.statusCode() != 200) {
                throw new IOException("HTTP status " + response.statusCode() + " (expected 200)");
            }
        }
    }

    /** The URL without user info or query: a pre-signed URL's signature never reaches a log. */
    @Override
    public String toString() {
        var scheme = uri.getScheme() == null ? "" : uri.getScheme() + ":";
        var authority = uri.getHost() == null ? "" : "//" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return scheme + authority + (uri.getPath() == null ? "" : uri.getPath());
    }
}
