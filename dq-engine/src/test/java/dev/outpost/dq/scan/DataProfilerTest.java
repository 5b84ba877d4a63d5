package dev.outpost.dq.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.outpost.dq.secrets.SecretReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataProfilerTest {

    private static final String CSV = """
            amount,country
            1,DE
            2,DE
            3,FR
            4,
            ,DE
            10,US
            """;

    @TempDir
    Path directory;

    @Test
    void profilesEveryColumnOnDuckDb() throws Exception {
        Path file = TestData.write(directory.resolve("data.csv"), CSV);

        DataProfile profile;
        try (DuckDbWorkspace workspace = DuckDbWorkspace.open(directory)) {
            profile = new DataProfiler(2).profile(workspace, DataSet.csv(List.of(file)));
        }

        assertProfile(profile);
        assertThat(profile.columns()).extracting(DataProfile.ColumnProfile::type).containsExactly("BIGINT",
                "VARCHAR");
    }

    @Test
    void profilesATableOnPostgreSqlWithTheSameFigures() throws Exception {
        String database = TestPostgres.newDatabase();
        try (Connection admin = TestPostgres.admin(database); Statement statement = admin.createStatement()) {
            statement.execute("CREATE TABLE data (amount bigint, country text)");
            statement.execute("INSERT INTO data VALUES (1, 'DE'), (2, 'DE'), (3, 'FR'), (4, NULL), (NULL, 'DE'),"
                    + " (10, 'US')");
        }
        Path password = Files.writeString(directory.resolve("pw"), TestPostgres.server().password());

        DataProfile profile;
        try (PostgresPushdown postgres = PostgresPushdown.connect(TestPostgres.server().jdbcUrl(database),
                TestPostgres.server().user(), SecretReference.parse("file:" + password))) {
            profile = new DataProfiler(2).profile(postgres, new PostgresPushdown.Table("public", "data"));
        }

        assertProfile(profile);
        assertThat(profile.columns()).extracting(DataProfile.ColumnProfile::type).containsExactly("int8", "text");
    }

    private static void assertProfile(DataProfile profile) {
        assertThat(profile.rows()).isEqualTo(6);
        DataProfile.ColumnProfile amount = profile.columns().get(0);
        assertThat(amount.counts()).isEqualTo(new DataProfile.ColumnCounts(1, 5));
        assertThat(amount.values().min()).isEqualTo("1");
        assertThat(amount.values().max()).isEqualTo("10");
        assertThat(amount.values().mean().getAsDouble()).isEqualTo(4.0);
        assertThat(amount.values().stddev().getAsDouble()).isCloseTo(Math.sqrt(12.5), within(1e-9));
        assertThat(amount.values().quantiles()).isEqualTo(Map.of("0.25", 2.0, "0.5", 3.0, "0.75", 4.0));
        DataProfile.ColumnProfile country = profile.columns().get(1);
        assertThat(country.counts()).isEqualTo(new DataProfile.ColumnCounts(1, 3));
        assertThat(country.values().min()).isEqualTo("DE");
        assertThat(country.values().max()).isEqualTo("US");
        assertThat(country.values().mean()).isEmpty();
        assertThat(country.values().quantiles()).isEmpty();
        assertThat(country.values().topValues()).containsExactly(new DataProfile.ValueCount("DE", 3),
                new DataProfile.ValueCount("FR", 1));
        // The part that may leave the edge holds names, types and counts, and no value.
        assertThat(profile.counts().toString()).doesNotContain("DE", "FR", "US", "10");
        assertThat(profile.counts().columns()).extracting(DataProfile.ColumnSummary::counts)
                .containsExactly(new DataProfile.ColumnCounts(1, 5), new DataProfile.ColumnCounts(1, 3));
    }
}
