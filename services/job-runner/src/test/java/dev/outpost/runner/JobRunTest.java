package dev.outpost.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.outpost.edge.ResultsStore;
import dev.outpost.proto.interactive.v1.Row;
import dev.outpost.proto.job.v1.CheckResult;
import dev.outpost.proto.job.v1.CheckSeverity;
import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.Dimension;
import dev.outpost.proto.job.v1.DimensionScore;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobResult;
import dev.outpost.proto.job.v1.JobSpec;
import dev.outpost.proto.results.v1.FailingRowSamples;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import dev.outpost.testsupport.KeyFileTestResource;
import dev.outpost.testsupport.PostgresTestResource;
import dev.outpost.testsupport.S3TestResource;
import dev.outpost.testsupport.SqsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@QuarkusTest
@WithTestResource(SqsTestResource.class)
@WithTestResource(S3TestResource.class)
@WithTestResource(KeyFileTestResource.class)
@WithTestResource(PostgresTestResource.class)
class JobRunTest {

    private static final String DATA = "customer-data";
    private static final String RESULTS = "customer-results";
    private static final String CANARY = "canary-not-an-email";

    private static final String RULES = """
            checks:
              - name: id-unique
                type: unique
                columns: [id]
              - name: email-present
                type: not_null
                column: email
                severity: warn
              - name: email-format
                type: regex
                column: email
                pattern: '^[^@ ]+@[^@ ]+\\.[a-z]{2,}$'
              - name: age-range
                type: between
                column: age
                min: 0
                max: 120
                max_failed: 1
              - name: country-known
                type: allowed_values
                column: country
                values: [DE, FR, US]
              - name: enough-rows
                type: row_count
                min: 3
            """;

    @Inject
    JobRun jobRun;

    @Inject
    RunnerJobs jobs;

    @Inject
    QueueClient queues;

    @Inject
    ResultsStore store;

    @Inject
    S3Client s3;

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "outpost.runner.workspace-root")
    Path workspaceRoot;

    @TempDir
    Path temp;

    @Test
    void checksCsvDataInOneRunAndReportsExactAggregates() throws IOException {
        String prefix = UUID.randomUUID() + "/customers/";
        put(prefix + "part-1.csv", """
                id,email,age,country
                1,ann@example.com,34,DE
                2,canary-not-an-email,29,FR
                3,,41,US
                """);
        put(prefix + "part-2.csv", """
                id,email,age,country
                4,dan@example.com,250,DE
                4,eve@example.com,22,XX
                """);
        put(prefix + "empty-folder/", "");
        String jobId = submit(prefix, DataFormat.DATA_FORMAT_CSV, RULES, 10);

        assertThat(jobRun.takeAndRun()).isZero();

        List<JobEvent> events = eventsOf(jobId);
        JobResult result = events.getLast().getSucceeded();
        assertThat(result.getRowsScanned()).isEqualTo(5);
        assertThat(result.getChecksList()).extracting(CheckResult::getName, CheckResult::getType,
                CheckResult::getDimension, CheckResult::getRowsChecked, CheckResult::getRowsFailed,
                CheckResult::getPassed, CheckResult::getSamplesStored).containsExactly(
                        tuple("id-unique", "unique", Dimension.DIMENSION_UNIQUENESS, 5L, 2L, false, 2L),
                        tuple("email-present", "not_null", Dimension.DIMENSION_COMPLETENESS, 5L, 1L, false, 1L),
                        tuple("email-format", "regex", Dimension.DIMENSION_VALIDITY, 5L, 1L, false, 1L),
                        tuple("age-range", "between", Dimension.DIMENSION_VALIDITY, 5L, 1L, true, 1L),
                        tuple("country-known", "allowed_values", Dimension.DIMENSION_VALIDITY, 5L, 1L, false, 1L),
                        tuple("enough-rows", "row_count", Dimension.DIMENSION_COMPLETENESS, 5L, 0L, true, 0L));
        // email-present only warns; age-range tolerates its one failing row (max_failed: 1).
        assertThat(result.getChecksList()).extracting(CheckResult::getSeverity, CheckResult::getWarned).containsExactly(
                tuple(CheckSeverity.CHECK_SEVERITY_FAIL, false), tuple(CheckSeverity.CHECK_SEVERITY_WARN, true),
                tuple(CheckSeverity.CHECK_SEVERITY_FAIL, false), tuple(CheckSeverity.CHECK_SEVERITY_FAIL, false),
                tuple(CheckSeverity.CHECK_SEVERITY_FAIL, false), tuple(CheckSeverity.CHECK_SEVERITY_FAIL, false));
        assertThat(result.getChecksList()).extracting(CheckResult::getDetail).containsOnly("");
        assertThat(result.getChecksFailed()).isEqualTo(3);
        assertThat(result.getChecksWarned()).isEqualTo(1);
        assertThat(result.getChecks(0).getScore()).isCloseTo(0.6, within(1e-9));
        assertThat(result.getDimensionsList()).extracting(DimensionScore::getDimension).containsExactly(
                Dimension.DIMENSION_COMPLETENESS, Dimension.DIMENSION_VALIDITY, Dimension.DIMENSION_UNIQUENESS);
        assertThat(result.getDimensionsList()).extracting(DimensionScore::getScore).satisfiesExactly(
                completeness -> assertThat(completeness).isCloseTo(0.9, within(1e-9)),
                validity -> assertThat(validity).isCloseTo(0.8, within(1e-9)),
                uniqueness -> assertThat(uniqueness).isCloseTo(0.6, within(1e-9)));
        assertThat(result.getScore()).isCloseTo(0.8, within(1e-9));
        assertThat(result.getDurationMillis()).isPositive();

        assertThat(events.getFirst().getStarted().getRunner()).isNotBlank();
        List<JobEvent> progress = events.stream().filter(JobEvent::hasProgress).toList();
        assertThat(progress).extracting(event -> event.getProgress().getPhase())
                .containsSubsequence("download", "scan", "samples");
        assertThat(progress).extracting(event -> event.getProgress().getFraction()).isSorted();
        assertThat(progress.getLast().getProgress().getMessage())
                .isEqualTo("stored failing-row samples of 5 checks (6 rows)");
        assertThat(events).extracting(JobEvent::getEventId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(UUID.fromString(id)).isNotNull());
        assertThat(events).allSatisfy(event -> assertThat(event.toString()).doesNotContain("canary", "example.com"));

        assertThat(jobsWaitingOrInFlight()).isZero();
        assertThat(workspacesLeft()).isEmpty();
    }

    @Test
    void storesFailingRowSamplesEncrypted() {
        String prefix = UUID.randomUUID() + "/";
        put(prefix + "customers.csv", """
                id,email,age,country
                1,ann@example.com,34,DE
                2,canary-not-an-email,29,FR
                3,,41,US
                """);
        String jobId = submit(prefix, DataFormat.DATA_FORMAT_CSV, RULES, 10);

        assertThat(jobRun.takeAndRun()).isZero();
        assertThat(eventsOf(jobId).getLast().hasSucceeded()).isTrue();

        assertThat(s3.listObjectsV2Paginator(b -> b.bucket(RESULTS).prefix("jobs/" + jobId + "/")).contents()
                .stream().map(S3Object::key).toList()).containsExactlyInAnyOrder(
                        store.objectKey(jobId, "email-present"), store.objectKey(jobId, "email-format"));
        byte[] stored = s3.getObjectAsBytes(b -> b.bucket(RESULTS).key(store.objectKey(jobId, "email-format")))
                .asByteArray();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(CANARY);

        FailingRowSamples format = store.read(jobId, "email-format").orElseThrow();
        assertThat(format.getColumnsList()).containsExactly("id", "email", "age", "country");
        assertThat(format.getRowsList()).containsExactly(row("2", CANARY, "29", "FR"));
        FailingRowSamples present = store.read(jobId, "email-present").orElseThrow();
        assertThat(present.getRowsList()).containsExactly(row("3", "", "41", "US").toBuilder().addNulls(1).build());
    }

    @Test
    void checksParquetData() throws Exception {
        String prefix = UUID.randomUUID() + "/";
        Path parquet = temp.resolve("people.parquet");
        try (Connection duckDb = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duckDb.createStatement()) {
            sql.execute("COPY (SELECT i AS id, CASE WHEN i % 5 = 0 THEN NULL ELSE 'name-' || i END AS name "
                    + "FROM range(1, 21) t(i)) TO '" + parquet + "' (FORMAT parquet)");
        }
        s3.putObject(b -> b.bucket(DATA).key(prefix + "people.parquet"), parquet);
        String jobId = submit(prefix, DataFormat.DATA_FORMAT_PARQUET, """
                checks:
                  - name: name-present
                    type: not_null
                    column: name
                """, 2);

        assertThat(jobRun.takeAndRun()).isZero();

        JobResult result = eventsOf(jobId).getLast().getSucceeded();
        assertThat(result.getRowsScanned()).isEqualTo(20);
        assertThat(result.getChecks(0).getRowsFailed()).isEqualTo(4);
        assertThat(result.getChecks(0).getSamplesStored()).isEqualTo(2);
        assertThat(store.read(jobId, "name-present").orElseThrow().getRowsList())
                .allSatisfy(row -> assertThat(row.getNullsList()).containsExactly(1))
                .hasSize(2);
    }

    @Test
    void reportsFilteredExpressionsAndDataSetChecksWithValueFreeDetails() {
        String prefix = UUID.randomUUID() + "/";
        put(prefix + "orders.csv", """
                id,country,amount
                1,DE,-5
                2,DE,12
                3,FR,-7
                4,FR,9
                """);
        String jobId = submit(prefix, DataFormat.DATA_FORMAT_CSV, """
                checks:
                  - {name: de-not-negative, type: expression, condition: amount >= 0, filter: "country = 'DE'"}
                  - {name: shape, type: schema, column_types: {amount: VARCHAR}}
                  - {name: avg-amount, type: metric, column: amount, metric: max, must_be_at_most: 10, severity: warn}
                """, 10);

        assertThat(jobRun.takeAndRun()).isZero();

        JobResult result = eventsOf(jobId).getLast().getSucceeded();
        assertThat(result.getChecksList()).extracting(CheckResult::getName, CheckResult::getRowsChecked,
                CheckResult::getRowsFailed, CheckResult::getPassed, CheckResult::getWarned, CheckResult::getDetail)
                .containsExactly(
                        tuple("de-not-negative", 2L, 1L, false, false, ""),
                        tuple("shape", 4L, 4L, false, false, "column 'amount' is BIGINT, not VARCHAR"),
                        tuple("avg-amount", 4L, 4L, false, true, "the max of column 'amount' is outside at most 10"));
        assertThat(result.getChecksFailed()).isEqualTo(2);
        assertThat(result.getChecksWarned()).isEqualTo(1);
        assertThat(result.toString()).doesNotContain("12.0");
    }

    @Test
    void failsWithInvalidRulesWhenARuleReadsAMissingColumn() {
        String prefix = UUID.randomUUID() + "/";
        put(prefix + "customers.csv", "id,email\n1,ann@example.com\n");
        String jobId = submit(prefix, DataFormat.DATA_FORMAT_CSV, """
                checks:
                  - name: email-present
                    type: not_null
                    column: e_mail
                """, 10);

        assertThat(jobRun.takeAndRun()).isZero();

        JobEvent last = eventsOf(jobId).getLast();
        assertThat(last.getFailed().getCode()).isEqualTo("INVALID_RULES");
        assertThat(last.getFailed().getReason()).contains("'e_mail'", "'email'");
        assertThat(jobsWaitingOrInFlight()).isZero();
    }

    @Test
    void failsWithInvalidRulesForARuleSetThatDoesNotParse() {
        String jobId = submit(UUID.randomUUID() + "/", DataFormat.DATA_FORMAT_CSV, "checks: []", 10);

        assertThat(jobRun.takeAndRun()).isZero();

        assertThat(eventsOf(jobId).getLast().getFailed().getCode()).isEqualTo("INVALID_RULES");
    }

    @Test
    void failsTheJobWhenItsSamplesCannotBeStored() {
        String prefix = UUID.randomUUID() + "/";
        put(prefix + "customers.csv", """
                id,email,age,country
                1,not-an-email,34,DE
                2,,29,FR
                3,ann@example.com,410,XX
                """);
        String jobId = submit(prefix, DataFormat.DATA_FORMAT_CSV, RULES, 10);
        // Every PUT of the job's samples fails: there is no results bucket.
        s3.listObjectsV2Paginator(b -> b.bucket(RESULTS)).contents()
                .forEach(object -> s3.deleteObject(b -> b.bucket(RESULTS).key(object.key())));
        s3.deleteBucket(b -> b.bucket(RESULTS));
        try {
            assertThat(jobRun.takeAndRun()).isZero();
        } finally {
            s3.createBucket(b -> b.bucket(RESULTS));
        }

        JobEvent last = eventsOf(jobId).getLast();
        assertThat(last.hasSucceeded()).as("a job whose samples are lost must not succeed").isFalse();
        assertThat(last.getFailed().getCode()).isEqualTo("INTERNAL");
        assertThat(last.getFailed().getReason()).startsWith("the job-runner failed (NoSuchBucketException)");
        assertThat(jobsWaitingOrInFlight()).isZero();
    }

    @Test
    void failsWithDataNotFoundForAnEmptyPrefix() {
        String prefix = UUID.randomUUID() + "/nothing-here/";
        String jobId = submit(prefix, DataFormat.DATA_FORMAT_CSV, RULES, 10);

        assertThat(jobRun.takeAndRun()).isZero();

        JobEvent last = eventsOf(jobId).getLast();
        assertThat(last.getFailed().getCode()).isEqualTo("DATA_NOT_FOUND");
        assertThat(last.getFailed().getReason()).isEqualTo("no objects under s3://" + DATA + "/" + prefix
                + ": upload the data or fix the data source's prefix");
        assertThat(jobsWaitingOrInFlight()).isZero();
    }

    @Test
    void failsWithDataUnreadableForDataInAnotherFormat() throws IOException {
        String prefix = UUID.randomUUID() + "/";
        put(prefix + "customers.parquet", "id,email\n1,canary@example.com\n");
        String jobId = submit(prefix, DataFormat.DATA_FORMAT_PARQUET, """
                checks:
                  - name: id-present
                    type: not_null
                    column: id
                """, 10);

        assertThat(jobRun.takeAndRun()).isZero();

        JobEvent last = eventsOf(jobId).getLast();
        assertThat(last.getFailed().getCode()).isEqualTo("DATA_UNREADABLE");
        assertThat(last.getFailed().getReason()).contains("s3://" + DATA + "/" + prefix + "customers.parquet")
                .doesNotContain("canary", "outpost-job-");
        assertThat(workspacesLeft()).isEmpty();
    }

    @Test
    void reportsObjectsWhoseColumnsDifferAndStillScansThemAll() {
        String prefix = UUID.randomUUID() + "/";
        put(prefix + "a.csv", "id,email\n1,a@example.com\n");
        put(prefix + "b.csv", "id\n2\n");
        String jobId = submit(prefix, DataFormat.DATA_FORMAT_CSV,
                "checks: [{name: email-present, type: not_null, column: email}]", 0);

        assertThat(jobRun.takeAndRun()).isZero();

        List<JobEvent> events = eventsOf(jobId);
        assertThat(events.getLast().getSucceeded().getChecks(0).getRowsFailed()).isEqualTo(1);
        assertThat(events).filteredOn(JobEvent::hasProgress).extracting(event -> event.getProgress().getMessage())
                .contains("the objects differ: 's3://" + DATA + "/" + prefix + "b.csv' lacks column 'email' (read as"
                        + " null in its rows)");
    }

    private void put(String key, String content) {
        jobs.put(key, content);
    }

    private String submit(String prefix, DataFormat format, String rules, int sampleLimit) {
        return jobs.submit(JobSpec.newBuilder()
                .setLocation(RunnerJobs.location(prefix, format))
                .setRuleSetYaml(rules)
                .setSampleLimit(sampleLimit));
    }

    private List<JobEvent> eventsOf(String jobId) {
        return jobs.eventsOf(jobId);
    }

    /** Messages on the jobs queue, visible or taken and not yet deleted. */
    private long jobsWaitingOrInFlight() {
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queues.url(OutpostQueue.JOBS)).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /**
     * What is left of jobs in the test's workspace root (see application.properties): each job's workspace must go.
     * The runner's warm-up, which may still be at work beside a job, deletes its own (WarmupTest).
     */
    private List<Path> workspacesLeft() throws IOException {
        try (Stream<Path> left = Files.list(workspaceRoot)) {
            return left.filter(path -> !path.getFileName().toString().startsWith(Warmup.WORKSPACE_PREFIX)).toList();
        }
    }

    private static Row row(String... values) {
        return Row.newBuilder().addAllValues(List.of(values)).build();
    }
}
