package dev.outpost.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.outpost.proto.job.v1.CheckResult;
import dev.outpost.proto.job.v1.CsvCompression;
import dev.outpost.proto.job.v1.CsvOptions;
import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.DataLocation;
import dev.outpost.proto.job.v1.DatabaseTable;
import dev.outpost.proto.job.v1.JobFailure;
import dev.outpost.proto.job.v1.JobResult;
import dev.outpost.proto.job.v1.JobSource;
import dev.outpost.proto.job.v1.JobSpec;
import dev.outpost.testsupport.KeyFileTestResource;
import dev.outpost.testsupport.PostgresTestResource;
import dev.outpost.testsupport.S3TestResource;
import dev.outpost.testsupport.SqsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The shapes a file source takes: JSON lines, CSV options, globs, full keys, and file reference sources. */
@QuarkusTest
@WithTestResource(SqsTestResource.class)
@WithTestResource(S3TestResource.class)
@WithTestResource(KeyFileTestResource.class)
@WithTestResource(PostgresTestResource.class)
class SourceShapesTest {

    private static final String EMAIL_PRESENT = "checks: [{name: email-present, type: not_null, column: email}]";

    @Inject
    RunnerJobs jobs;

    @Test
    void readsJsonLinesPlainAndGzipped() {
        String prefix = UUID.randomUUID() + "/";
        jobs.put(prefix + "a.jsonl", """
                {"id": 1, "email": "ann@example.com"}
                {"id": 2, "email": null}
                """);
        jobs.put(prefix + "b.jsonl.gz", gzip("""
                {"id": 3}
                {"id": 4, "email": "dan@example.com"}
                """));

        JobResult result = jobs.succeeded(spec(RunnerJobs.location(prefix, DataFormat.DATA_FORMAT_JSON_LINES),
                EMAIL_PRESENT));

        assertThat(result.getRowsScanned()).isEqualTo(4);
        assertThat(result.getChecks(0).getRowsFailed()).isEqualTo(2);
    }

    @Test
    void readsCsvWithTheSourcesDelimiterQuoteHeaderAndCompression() {
        String prefix = UUID.randomUUID() + "/";
        // No header, ';' between values, "'" around a value holding ';', gzip under a key that does not say so.
        jobs.put(prefix + "export.dat", gzip("1;'a;b'\n2;\n3;'c'\n"));
        CsvOptions csv = CsvOptions.newBuilder().setHeader(false).setDelimiter(";").setQuote("'")
                .setCompression(CsvCompression.CSV_COMPRESSION_GZIP).build();

        JobResult result = jobs.succeeded(spec(RunnerJobs.location(prefix, DataFormat.DATA_FORMAT_CSV).setCsv(csv),
                """
                checks:
                  - {name: second-present, type: not_null, column: column1}
                  - {name: second-short, type: length, column: column1, max: 1}
                """));

        assertThat(result.getRowsScanned()).isEqualTo(3);
        assertThat(result.getChecksList()).extracting(CheckResult::getName, CheckResult::getRowsFailed)
                .containsExactly(tuple("second-present", 1L), tuple("second-short", 1L));
    }

    @Test
    void rejectsADelimiterOrQuoteThatIsNotOneCharacter() {
        String prefix = UUID.randomUUID() + "/";
        jobs.put(prefix + "a.csv", "id;email\n1;a@example.com\n");

        JobFailure twoCharacters = jobs.failed(spec(RunnerJobs.location(prefix, DataFormat.DATA_FORMAT_CSV)
                .setCsv(CsvOptions.newBuilder().setDelimiter("\\t")), EMAIL_PRESENT));
        JobFailure sameAsQuote = jobs.failed(spec(RunnerJobs.location(prefix, DataFormat.DATA_FORMAT_CSV)
                .setCsv(CsvOptions.newBuilder().setDelimiter(";").setQuote(";")), EMAIL_PRESENT));

        assertThat(twoCharacters.getCode()).isEqualTo("INVALID_SOURCE");
        assertThat(twoCharacters.getReason()).isEqualTo("the data source: the CSV delimiter '\\t' is not one"
                + " character: give exactly one character (a tab as the tab character itself, not '\\t'), or leave it"
                + " empty to detect it; fix its CSV options");
        assertThat(sameAsQuote.getCode()).isEqualTo("INVALID_SOURCE");
        assertThat(sameAsQuote.getReason()).isEqualTo("the data source: the CSV delimiter and quote must differ, both"
                + " are ';'; fix its CSV options");
    }

    @Test
    void takesTheObjectsMatchingTheGlobRelativeToThePrefix() {
        String prefix = UUID.randomUUID() + "/sales/";
        jobs.put(prefix + "top.csv", "id,email\n1,\n");
        jobs.put(prefix + "2026/01/eu.csv", "id,email\n2,\n");
        jobs.put(prefix + "2026/02/us.csv", "id,email\n3,\n");
        jobs.put(prefix + "2026/02/notes.txt", "not,a,csv\n");
        jobs.put(prefix + "2026/02/apac.csv", "id,email\n4,\n");

        assertThat(rowsMatching(prefix, "*.csv")).isEqualTo(1);
        assertThat(rowsMatching(prefix, "**/*.csv")).isEqualTo(4);
        assertThat(rowsMatching(prefix, "2026/*/{eu,us}.csv")).isEqualTo(2);
        assertThat(rowsMatching(prefix, "2026/0?/??.csv")).isEqualTo(2);
    }

    @Test
    void failsWithDataNotFoundNamingTheGlobWhenNoObjectMatches() {
        String prefix = UUID.randomUUID() + "/";
        jobs.put(prefix + "a.csv", "id,email\n1,\n");

        JobFailure failure = jobs.failed(spec(RunnerJobs.location(prefix, DataFormat.DATA_FORMAT_CSV)
                .setGlob("**/*.parquet"), EMAIL_PRESENT));

        assertThat(failure.getCode()).isEqualTo("DATA_NOT_FOUND");
        assertThat(failure.getReason()).isEqualTo("none of the 1 objects under s3://" + RunnerJobs.DATA + "/" + prefix
                + " matches the glob '**/*.parquet' (written relative to the prefix; '*' stays within one level,"
                + " '**' crosses levels): fix the glob or the prefix");
    }

    @Test
    void failsWithInvalidSourceForAMalformedGlobBeforeDownloadingAnything() {
        String prefix = UUID.randomUUID() + "/";
        jobs.put(prefix + "a.csv", "id,email\n1,\n");

        JobFailure data = jobs.failed(spec(RunnerJobs.location(prefix, DataFormat.DATA_FORMAT_CSV).setGlob("{a,b"),
                EMAIL_PRESENT));
        // The reference's glob is checked before the data is downloaded.
        JobFailure reference = jobs.failed(spec(RunnerJobs.location(prefix + "nothing-here/",
                DataFormat.DATA_FORMAT_CSV), EMAIL_PRESENT).putReferences("customers", JobSource.newBuilder()
                        .setFiles(RunnerJobs.location(prefix, DataFormat.DATA_FORMAT_CSV).setGlob("*.csv}")).build()));

        assertThat(data.getCode()).isEqualTo("INVALID_SOURCE");
        assertThat(data.getReason()).isEqualTo("the data source: glob '{a,b' has '{' without its '}': write e.g."
                + " '**/*.{csv,csv.gz}'");
        assertThat(reference.getCode()).isEqualTo("INVALID_SOURCE");
        assertThat(reference.getReason()).isEqualTo("reference source 'customers': glob '*.csv}' has '}' without its"
                + " '{': write e.g. '**/*.{csv,csv.gz}'");
    }

    @Test
    void aPrefixThatIsAFullKeyTakesThatObjectOnly() {
        String prefix = UUID.randomUUID() + "/";
        jobs.put(prefix + "customers.csv", "id,email\n1,\n");
        jobs.put(prefix + "customers.csv.bak", "id,email\n2,\n3,\n");

        JobResult result = jobs.succeeded(spec(RunnerJobs.location(prefix + "customers.csv",
                DataFormat.DATA_FORMAT_CSV), EMAIL_PRESENT));

        assertThat(result.getRowsScanned()).isEqualTo(1);
    }

    @Test
    void checksReferencesAgainstFileSourcesOfTheirOwnFormat() {
        String prefix = UUID.randomUUID() + "/";
        jobs.put(prefix + "orders/o.csv", "id,customer_id\n1,10\n2,11\n3,99\n4,\n");
        jobs.put(prefix + "customers/c.jsonl", "{\"id\": 10}\n{\"id\": 11}\n");

        JobResult result = jobs.succeeded(spec(RunnerJobs.location(prefix + "orders/", DataFormat.DATA_FORMAT_CSV),
                """
                checks:
                  - {name: known-customer, type: reference, column: customer_id,
                     reference: {source: customers, column: id}}
                """).putReferences("customers", JobSource.newBuilder().setFiles(RunnerJobs.location(prefix
                        + "customers/", DataFormat.DATA_FORMAT_JSON_LINES)).build()));

        assertThat(result.getChecks(0).getRowsChecked()).isEqualTo(4);
        assertThat(result.getChecks(0).getRowsFailed()).isEqualTo(1);
    }

    @Test
    void failsForAReferenceThatIsNotThereOrNotAFileSource() {
        String prefix = UUID.randomUUID() + "/";
        jobs.put(prefix + "orders/o.csv", "id,customer_id\n1,10\n");
        String rules = """
                checks:
                  - {name: known-customer, type: reference, column: customer_id,
                     reference: {source: customers, column: id}}
                """;
        DataLocation.Builder orders = RunnerJobs.location(prefix + "orders/", DataFormat.DATA_FORMAT_CSV);

        JobFailure missing = jobs.failed(spec(orders, rules).putReferences("customers", JobSource.newBuilder()
                .setFiles(RunnerJobs.location(prefix + "customers/", DataFormat.DATA_FORMAT_CSV)).build()));
        JobFailure table = jobs.failed(spec(orders, rules).putReferences("customers", JobSource.newBuilder()
                .setTable(DatabaseTable.newBuilder().setSchema("public").setTable("customers")).build()));
        JobFailure unsupplied = jobs.failed(spec(orders, rules));

        assertThat(missing.getCode()).isEqualTo("DATA_NOT_FOUND");
        assertThat(missing.getReason()).isEqualTo("reference source 'customers': no objects under s3://"
                + RunnerJobs.DATA + "/" + prefix + "customers/: upload the data or fix the data source's prefix");
        assertThat(table.getCode()).isEqualTo("INVALID_SOURCE");
        assertThat(table.getReason()).isEqualTo("reference source 'customers' is a database table, but the job reads"
                + " files: a file source's references must be files too (they are joined in the job's DuckDB"
                + " workspace)");
        assertThat(unsupplied.getCode()).isEqualTo("INVALID_RULES");
        assertThat(unsupplied.getReason()).contains("customers");
    }

    @Test
    void failsForAJobWithoutASource() {
        JobFailure failure = jobs.failed(JobSpec.newBuilder().setRuleSetYaml(EMAIL_PRESENT));

        assertThat(failure.getCode()).isEqualTo("INVALID_SOURCE");
        assertThat(failure.getReason()).isEqualTo("the job names no data source (neither a location nor a table):"
                + " submit it again with its data source");
    }

    @Test
    void failsForAFormatOrKindThisRunnerDoesNotKnow() {
        String prefix = UUID.randomUUID() + "/";
        jobs.put(prefix + "a.csv", "id,email\n1,\n");

        JobFailure format = jobs.failed(spec(RunnerJobs.location(prefix, DataFormat.DATA_FORMAT_UNSPECIFIED),
                EMAIL_PRESENT));
        JobFailure kind = jobs.failed(spec(RunnerJobs.location(prefix, DataFormat.DATA_FORMAT_CSV), EMAIL_PRESENT)
                .setKindValue(99));

        assertThat(format.getCode()).isEqualTo("DATA_UNREADABLE");
        assertThat(format.getReason()).isEqualTo("the data source does not say how its data is encoded (format"
                + " DATA_FORMAT_UNSPECIFIED): set its format to CSV, Parquet or JSON lines");
        assertThat(kind.getCode()).isEqualTo("INTERNAL");
        assertThat(kind.getReason()).isEqualTo("the job's kind (99) is unknown to this job-runner: upgrade the edge"
                + " to the control side's version");
    }

    private long rowsMatching(String prefix, String glob) {
        return jobs.succeeded(spec(RunnerJobs.location(prefix, DataFormat.DATA_FORMAT_CSV).setGlob(glob),
                EMAIL_PRESENT)).getRowsScanned();
    }

    private static JobSpec.Builder spec(DataLocation.Builder location, String rules) {
        return JobSpec.newBuilder().setLocation(location).setRuleSetYaml(rules).setSampleLimit(5);
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
