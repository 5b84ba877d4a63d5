package dev.outpost.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.outpost.crypto.LocalKeyFileProvider;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fresh customer key (key-encryption key) in a temporary file, for compute-plane services under test: returns
 * {@code outpost.keys.local-file}.
 */
public final class KeyFileTestResource implements QuarkusTestResourceLifecycleManager {

    private Path folder;

    @Override
    public Map<String, String> start() {
        try {
            folder = Files.createTempDirectory("outpost-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = folder.resolve("kek");
        LocalKeyFileProvider.createIfMissing(file);
        return Map.of("outpost.keys.local-file", file.toString());
    }

    @Override
    public void stop() {
        try {
            Files.deleteIfExists(folder.resolve("kek"));
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
