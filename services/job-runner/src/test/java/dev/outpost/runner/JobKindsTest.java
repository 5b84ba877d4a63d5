package dev.outpost.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.util.JsonFormat;

import dev.outpost.edge.ResultsStore;
import dev.outpost.proto.interactive.v1.Row;
import dev.outpost.proto.job.v1.CatalogEntry;
import dev.outpost.proto.job.v1.CheckResult;
import dev.outpost.proto.job.v1.ColumnCounts;
import dev.outpost.proto.job.v1.ColumnInfo;
import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobKind;
import dev.outpost.proto.job.v1.JobResult;
import dev.outpost.proto.job.v1.JobSpec;
import dev.outpost.proto.job.v1.RowCountKind;
import dev.outpost.proto.results.v1.ColumnValues;
import dev.outpost.proto.results.v1.FailingGroup;
import dev.outpost.proto.results.v1.FailingGroups;
import dev.outpost.proto.results.v1.ProfileValues;
import dev.outpost.proto.results.v1.Quantile;
import dev.outpost.proto.results.v1.ValueCount;
import dev.outpost.testsupport.KeyFileTestResource;
import dev.outpost.testsupport.PostgresTestResource;
import dev.outpost.testsupport.S3TestResource;
import dev.outpost.testsupport.SqsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.s3.S3Client;

/** Profiling and metadata-import jobs on files, and the sealed failing groups of group_by checks. */
@QuarkusTest
@WithTestResource(SqsTestResource.class)
@WithTestResource(S3TestResource.class)
@WithTestResource(KeyFileTestResource.class)
@WithTestResource(PostgresTestResource.class)
class JobKindsTest {

    private static final String RESULTS = "customer-results";
    private static final String CANARY = "zebra-canary";

    @Inject
    RunnerJobs jobs;

    @Inject
    ResultsStore store;

    @Inject
    S3Client s3;

    @Inject
    WatchedDownloader downloader;

    @TempDir
    Path temp;

    @Test
    void profilesFilesSealingTheValuesAndReportingOnlyCounts() throws Exception {
        String prefix = UUID.randomUUID() + "/";
        jobs.put(prefix + "a.csv", "name,amount\n" + CANARY + ",31337.5\n" + CANARY + ",2\nyak,\n");
        jobs.put(prefix + "b.csv", "name,amount\nyak,4\n,6\n");

        List<JobEvent> events = jobs.run(JobSpec.newBuilder().setKind(JobKind.JOB_KIND_PROFILE)
                .setLocation(RunnerJobs.location(prefix, DataFormat.DATA_FORMAT_CSV)));

        String jobId = events.getLast().getJobId();
        JobResult result = events.getLast().getSucceeded();

        assertThat(result.getRowsScanned()).isEqualTo(5);
        assertThat(result.getProfileList()).extracting(counts -> counts.getColumn().getName(),
                counts -> counts.getColumn().getType(), ColumnCounts::getNulls, ColumnCounts::getDistinct)
                .containsExactly(tuple("name", "VARCHAR", 1L, 2L), tuple("amount", "DOUBLE", 1L, 4L));
        assertThat(result.getChecksList()).isEmpty();
        assertThat(JsonFormat.printer().print(result)).doesNotContain(CANARY, "31337", "yak");

        String key = store.profileKey(jobId);
        assertThat(key).isEqualTo("jobs/" + jobId + "/profile.bin");
        byte[] sealed = s3.getObjectAsBytes(b -> b.bucket(RESULTS).key(key)).asByteArray();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(CANARY, "31337");
        ProfileValues values = store.readProfile(jobId).orElseThrow();
        assertThat(values.getJobId()).isEqualTo(jobId);
        assertThat(values.getRows()).isEqualTo(5);
        ColumnValues name = values.getColumns(0);
        assertThat(name.getTopValuesList()).extracting(ValueCount::getValue, ValueCount::getCount)
                .containsExactly(tuple("yak", 2L), tuple(CANARY, 2L));
        assertThat(name.getMin()).isEqualTo("yak");
        assertThat(name.getMax()).isEqualTo(CANARY);
        ColumnValues amount = values.getColumns(1);
        assertThat(amount.getMax()).isEqualTo("31337.5");
        assertThat(amount.getMean()).isCloseTo((31337.5 + 2 + 4 + 6) / 4, within(1e-9));
        assertThat(amount.getQuantilesList()).extracting(Quantile::getFraction).containsExactly(0.25, 0.5, 0.75);
        // outpost.runner.profile.top-values is 2 in the tests.
        assertThat(amount.getTopValuesList()).hasSize(2);
        assertThat(events).filteredOn(JobEvent::hasProgress).extracting(event -> event.getProgress().getMessage())
                .contains("profiled 2 columns over 5 rows").allSatisfy(message -> assertThat(message)
                        .doesNotContain(CANARY, "yak"));
    }

    @Test
    void importsTheMetadataOfEachObjectAndNamesTheUnreadableOnes() throws Exception {
        String prefix = UUID.randomUUID() + "/";
        Path parquet = temp.resolve("events.parquet");
        try (Connection duckDb = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duckDb.createStatement()) {
            sql.execute("COPY (SELECT i AS id, md5(i::VARCHAR) AS name FROM range(0, 123456) t(i)) TO '" + parquet
                    + "' (FORMAT parquet, ROW_GROUP_SIZE 20000)");
        }
        jobs.put(prefix + "2026/events.parquet", Files.readAllBytes(parquet));
        jobs.put(prefix + "2026/broken.parquet", "not parquet at all");
        jobs.put(prefix + "2026/readme.txt", "skipped by the glob");

        List<JobEvent> events = jobs.run(JobSpec.newBuilder().setKind(JobKind.JOB_KIND_METADATA_IMPORT)
                .setLocation(RunnerJobs.location(prefix, DataFormat.DATA_FORMAT_PARQUET).setGlob("**/*.parquet")));

        JobResult result = events.getLast().getSucceeded();

        assertThat(result.getCatalogList()).extracting(CatalogEntry::getKind, CatalogEntry::getContainer,
                CatalogEntry::getName, CatalogEntry::getRowCount, CatalogEntry::getRowCountKind,
                CatalogEntry::getSizeBytes).containsExactly(
                        tuple("file", RunnerJobs.DATA, prefix + "2026/broken.parquet", 0L,
                                RowCountKind.ROW_COUNT_UNKNOWN, 18L),
                        tuple("file", RunnerJobs.DATA, prefix + "2026/events.parquet", 123456L,
                                RowCountKind.ROW_COUNT_EXACT, Files.size(parquet)));
        assertThat(result.getCatalog(0).getColumnsList()).isEmpty();
        assertThat(result.getCatalog(0).getError()).contains("s3://" + RunnerJobs.DATA + "/" + prefix
                + "2026/broken.parquet").doesNotContain("outpost-job-");
        assertThat(result.getCatalog(1).getColumnsList()).extracting(ColumnInfo::getName, ColumnInfo::getType)
                .containsExactly(tuple("id", "BIGINT"), tuple("name", "VARCHAR"));
        assertThat(result.getCatalog(1).getError()).isEmpty();
        // Of the Parquet object only its magic and footer were fetched; the broken one was fetched whole.
        String downloaded = events.stream().filter(JobEvent::hasProgress).map(event -> event.getProgress()
                .getMessage()).filter(message -> message.startsWith("downloaded 2 of 2")).findFirst().orElseThrow();
        Matcher bytes = Pattern.compile("\\((\\d+) of (\\d+) bytes\\)").matcher(downloaded);
        assertThat(bytes.find()).as(downloaded).isTrue();
        assertThat(Long.parseLong(bytes.group(2))).isEqualTo(Files.size(parquet) + 18);
        assertThat(Long.parseLong(bytes.group(1))).isLessThan(Files.size(parquet) / 20);
    }

    @Test
    void importsCsvObjectsOneAtATimeDeletingEachBeforeTheNextIsFetched() {
        String prefix = UUID.randomUUID() + "/";
        for (int part = 1; part <= 3; part++) {
            jobs.put(prefix + "part-" + part + ".csv", "id,name\n" + "1,a\n".repeat(part));
        }
        downloader.takeFilesAfterFetch();

        JobResult result = jobs.succeeded(JobSpec.newBuilder().setKind(JobKind.JOB_KIND_METADATA_IMPORT)
                .setLocation(RunnerJobs.location(prefix, DataFormat.DATA_FORMAT_CSV)));

        assertThat(result.getCatalogList()).extracting(CatalogEntry::getName, CatalogEntry::getRowCount,
                CatalogEntry::getRowCountKind).containsExactly(
                        tuple(prefix + "part-1.csv", 1L, RowCountKind.ROW_COUNT_EXACT),
                        tuple(prefix + "part-2.csv", 2L, RowCountKind.ROW_COUNT_EXACT),
                        tuple(prefix + "part-3.csv", 3L, RowCountKind.ROW_COUNT_EXACT));
        assertThat(downloader.takeFilesAfterFetch()).as("files in the data folder right after each object's fetch")
                .containsExactly(1L, 1L, 1L);
    }

    @Test
    void importsTheMetadataOfOneObjectNamedByItsFullKey() {
        String prefix = UUID.randomUUID() + "/";
        jobs.put(prefix + "people.jsonl", "{\"id\": 1}\n{\"id\": 2, \"email\": \"x@example.com\"}\n{\"id\": 3}\n");
        jobs.put(prefix + "people.jsonl.old", "{\"id\": 1}\n");

        JobResult result = jobs.succeeded(JobSpec.newBuilder().setKind(JobKind.JOB_KIND_METADATA_IMPORT)
                .setLocation(RunnerJobs.location(prefix + "people.jsonl", DataFormat.DATA_FORMAT_JSON_LINES)));

        assertThat(result.getCatalogList()).singleElement().satisfies(entry -> {
            assertThat(entry.getName()).isEqualTo(prefix + "people.jsonl");
            assertThat(entry.getRowCount()).isEqualTo(3);
            assertThat(entry.getRowCountKind()).isEqualTo(RowCountKind.ROW_COUNT_EXACT);
            assertThat(entry.getColumnsList()).extracting(ColumnInfo::getName).containsExactly("id", "email");
        });
    }

    @Test
    void sealsTheFailingGroupsOfGroupByChecksUpToTheSampleLimitAndReportsTheirCounts() throws Exception {
        String prefix = UUID.randomUUID() + "/";
        jobs.put(prefix + "customers.csv", """
                id,email,country
                1,a@example.com,DE
                2,,DE
                3,c@example.com,FR
                4,,ZZ-CANARY
                5,,
                6,f@example.com,US
                """);
        String jobId = jobs.submit(JobSpec.newBuilder()
                .setLocation(RunnerJobs.location(prefix, DataFormat.DATA_FORMAT_CSV))
                .setRuleSetYaml("""
                        checks:
                          - {name: email-present, type: not_null, column: email, group_by: [country]}
                          - {name: ids, type: row_count, min: 1, group_by: [country]}
                        """)
                .setSampleLimit(2));

        JobResult result = jobs.succeedAfterSubmit(jobId);

        assertThat(result.getChecksList()).extracting(CheckResult::getName, CheckResult::getGroups,
                CheckResult::getGroupsFailed).containsExactly(tuple("email-present", 5L, 3L), tuple("ids", 5L, 0L));
        assertThat(JsonFormat.printer().print(result)).doesNotContain("CANARY");
        String key = store.failingGroupsKey(jobId, "email-present");
        assertThat(key).isEqualTo("jobs/" + jobId + "/checks/email-present/failing-groups.bin");
        assertThat(new String(s3.getObjectAsBytes(b -> b.bucket(RESULTS).key(key)).asByteArray(),
                StandardCharsets.ISO_8859_1)).doesNotContain("CANARY");
        FailingGroups groups = store.readFailingGroups(jobId, "email-present").orElseThrow();
        assertThat(groups.getGroupColumnsList()).containsExactly("country");
        assertThat(groups.getGroups()).isEqualTo(5);
        assertThat(groups.getFailingList()).extracting(FailingGroup::getKey, FailingGroup::getRowsChecked,
                FailingGroup::getRowsFailed).containsExactly(
                        tuple(Row.newBuilder().addValues("DE").build(), 2L, 1L),
                        tuple(Row.newBuilder().addValues("ZZ-CANARY").build(), 1L, 1L));
        assertThat(store.readFailingGroups(jobId, "ids")).isEmpty();
    }
}
