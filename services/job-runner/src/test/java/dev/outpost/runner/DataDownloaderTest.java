package dev.outpost.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.outpost.proto.job.v1.CsvCompression;
import dev.outpost.proto.job.v1.CsvOptions;
import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.DataLocation;
import dev.outpost.testsupport.KeyFileTestResource;
import dev.outpost.testsupport.PostgresTestResource;
import dev.outpost.testsupport.S3TestResource;
import dev.outpost.testsupport.SqsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Downloaded files are named by position, with the extension the format (and compression) calls for. */
@QuarkusTest
@WithTestResource(SqsTestResource.class)
@WithTestResource(S3TestResource.class)
@WithTestResource(KeyFileTestResource.class)
@WithTestResource(PostgresTestResource.class)
class DataDownloaderTest {

    @Inject
    DataDownloader downloader;

    @Inject
    RunnerJobs jobs;

    @TempDir
    Path workspace;

    @Test
    void namesFilesByPositionWithTheFormatsExtension() {
        String prefix = UUID.randomUUID() + "/";
        jobs.put(prefix + "a [1] {x}.json", "{}\n");
        jobs.put(prefix + "b.jsonl.gz", "gzip by name");
        jobs.put(prefix + "c.gz", "gzip by name");

        assertThat(names(RunnerJobs.location(prefix, DataFormat.DATA_FORMAT_JSON_LINES)))
                .containsExactly("part-00000.jsonl", "part-00001.jsonl.gz", "part-00002.jsonl.gz");
        assertThat(names(RunnerJobs.location(prefix, DataFormat.DATA_FORMAT_CSV)))
                .containsExactly("part-00000.csv", "part-00001.csv.gz", "part-00002.csv.gz");
        assertThat(names(RunnerJobs.location(prefix, DataFormat.DATA_FORMAT_CSV)
                .setCsv(CsvOptions.newBuilder().setCompression(CsvCompression.CSV_COMPRESSION_GZIP))))
                .containsExactly("part-00000.csv.gz", "part-00001.csv.gz", "part-00002.csv.gz");
        assertThat(names(RunnerJobs.location(prefix, DataFormat.DATA_FORMAT_CSV)
                .setCsv(CsvOptions.newBuilder().setCompression(CsvCompression.CSV_COMPRESSION_NONE))))
                .containsExactly("part-00000.csv", "part-00001.csv", "part-00002.csv");
        assertThat(names(RunnerJobs.location(prefix, DataFormat.DATA_FORMAT_PARQUET)))
                .containsExactly("part-00000.parquet", "part-00001.parquet", "part-00002.parquet");
    }

    @Test
    void keepsEachObjectsKeyAndSizeAndCopiesItWhole() throws Exception {
        String prefix = UUID.randomUUID() + "/";
        jobs.put(prefix + "only.csv", "id\n1\n");

        List<DataDownloader.Download> downloads = downloader.download(RunnerJobs.location(prefix,
                DataFormat.DATA_FORMAT_CSV).build(), workspace.resolve("d"), DataDownloader.Progress.NONE,
                DataDownloader.Fetch.WHOLE);

        assertThat(downloads).extracting(DataDownloader.Download::key, DataDownloader.Download::size,
                DataDownloader.Download::uri).containsExactly(tuple(prefix + "only.csv", 5L,
                        "s3://" + RunnerJobs.DATA + "/" + prefix + "only.csv"));
        assertThat(Files.readString(downloads.getFirst().file())).isEqualTo("id\n1\n");
    }

    private List<String> names(DataLocation.Builder location) {
        Path directory = workspace.resolve(UUID.randomUUID().toString());
        return downloader.download(location.build(), directory, DataDownloader.Progress.NONE,
                DataDownloader.Fetch.WHOLE).stream().map(download -> download.file().getFileName().toString())
                .toList();
    }
}
