package dev.outpost.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerAotCacheTest {

    @TempDir
    Path directory;

    @Test
    void theCacheIsNamedByTheRunnerBuildAndCachesOfOtherBuildsAreDeleted() throws Exception {
        Path runner = Files.createDirectories(directory.resolve("quarkus-app"));
        Path jar = Files.writeString(runner.resolve("quarkus-run.jar"), "manifest");
        Path library = Files.writeString(Files.createDirectories(runner.resolve("lib/main")).resolve("a.jar"), "a");
        Path folder = directory.resolve("aot-cache");

        if (Runtime.version().feature() < RunnerAotCache.FIRST_JDK) {
            assertThat(RunnerAotCache.prepare(folder, jar)).as("no AOT cache before JDK 25").isEmpty();
            return;
        }
        Path cache = RunnerAotCache.prepare(folder, jar).orElseThrow();
        Files.createDirectories(folder);
        Files.writeString(cache, "trained");
        Path unrelated = Files.writeString(folder.resolve("notes.txt"), "kept");

        assertThat(RunnerAotCache.prepare(folder, jar)).contains(cache);
        assertThat(cache).hasContent("trained");

        // A rebuilt library (same size, later time) is another build: its cache has another name, the old one goes.
        Files.setLastModifiedTime(library, FileTime.from(Instant.now().plusSeconds(60)));
        Path rebuilt = RunnerAotCache.prepare(folder, jar).orElseThrow();

        assertThat(rebuilt).isNotEqualTo(cache).hasParentRaw(folder);
        assertThat(rebuilt.getFileName().toString()).matches("job-runner-[0-9a-f]{16}\\.aot");
        assertThat(cache).doesNotExist();
        assertThat(unrelated).exists();
    }
}
