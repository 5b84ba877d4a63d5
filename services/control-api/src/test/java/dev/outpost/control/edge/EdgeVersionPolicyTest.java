package dev.outpost.control.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.outpost.control.edge.EdgeVersionPolicy.Release;
import dev.outpost.control.edge.EdgeVersionPolicy.Status;
import dev.outpost.control.edge.EdgeVersionPolicy.Version;

class EdgeVersionPolicyTest {

    /** Deliberately out of order: the catalogue is a list people append to. */
    private static final List<Release> RELEASES = List.of(
            release("0.2.0", "2026-03-01"),
            release("0.1.0", "2026-01-10"),
            release("0.3.0", "2026-06-01"));
    private static final EdgeVersionPolicy POLICY = new EdgeVersionPolicy(RELEASES, "0.3.1-SNAPSHOT",
            Duration.ofDays(90));
    private static final Instant NOW = Instant.parse("2026-07-01T12:00:00Z");

    @ParameterizedTest(name = "{0} -> {1}, skew {2}")
    @CsvSource(nullValues = "null", value = {
            // reported,      status,      skew,  supported until,        detail mentions
            "null,            UNKNOWN,     false, null,                   never linked",
            "'  ',            UNKNOWN,     false, null,                   never linked",
            "0.3.0,           SUPPORTED,   false, null,                   is the newest release",
            "v0.3.0,          SUPPORTED,   false, null,                   is the newest release",
            "0.3.0-SNAPSHOT,  SUPPORTED,   false, null,                   is the newest release",
            "0.3.7,           SUPPORTED,   false, null,                   a development build",
            "0.4.0-SNAPSHOT,  SUPPORTED,   true,  null,                   a development build",
            "1.0.0,           SUPPORTED,   true,  null,                   a development build",
            "0.2.0,           OUTDATED,    true,  2026-08-30T00:00:00Z,   0.3.0 came out on 2026-06-01",
            "0.2.5-rc.1,      OUTDATED,    true,  2026-08-30T00:00:00Z,   0.3.0 is the newest release",
            "0.1.0,           UNSUPPORTED, true,  null,                   support ended 90 days later, on 2026-05-30",
            "0.0.9,           UNSUPPORTED, true,  null,                   0.1.0 came out on 2026-01-10",
            "nightly,         UNSUPPORTED, true,  null,                   not a release version",
            "1.2,             UNSUPPORTED, true,  null,                   not a release version",
            "0.3.x,           UNSUPPORTED, true,  null,                   not a release version",
    })
    void judgesAReportedVersion(String reported, Status status, boolean skew, String until, String detail) {
        EdgeVersionPolicy.Verdict verdict = POLICY.judge(reported, NOW);
        assertThat(verdict.status()).isEqualTo(status);
        assertThat(verdict.versionSkew()).isEqualTo(skew);
        assertThat(verdict.supportedUntil()).isEqualTo(until == null ? null : Instant.parse(until));
        assertThat(verdict.detail()).contains(detail);
        assertThat(verdict.latest().version().text()).isEqualTo("0.3.0");
    }

    @ParameterizedTest(name = "at {0}: {1}")
    @CsvSource({
            "2026-08-29T23:59:59Z, OUTDATED",
            "2026-08-30T00:00:00Z, UNSUPPORTED",
    })
    void theSupportWindowEndsExactlyWindowDaysAfterTheNextRelease(String at, Status status) {
        assertThat(POLICY.judge("0.2.0", Instant.parse(at)).status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource({
            "1.2.3, 1.2.3, 0",
            "1.2.3-SNAPSHOT, 1.2.3, 0",
            "1.10.0, 1.9.9, 1",
            "2.0.0, 10.0.0, -1",
    })
    void versionsCompareOnTheirNumbers(String left, String right, int sign) {
        assertThat(Integer.signum(Version.parse(left).orElseThrow().compareTo(Version.parse(right).orElseThrow())))
                .isEqualTo(sign);
    }

    private static Release release(String version, String date) {
        return new Release(Version.parse(version).orElseThrow(), LocalDate.parse(date));
    }
}
