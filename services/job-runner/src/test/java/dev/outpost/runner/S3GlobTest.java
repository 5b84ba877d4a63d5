package dev.outpost.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3GlobTest {

    @Test
    void starAndQuestionMarkStayWithinOneLevel() {
        S3Glob glob = S3Glob.compile("2026-??/*.csv");

        assertThat(glob.matches("2026-01/sales.csv")).isTrue();
        assertThat(glob.matches("2026-1/sales.csv")).isFalse();
        assertThat(glob.matches("2026-01/eu/sales.csv")).isFalse();
        assertThat(glob.matches("2026-01/sales.csv.gz")).isFalse();
    }

    @Test
    void doubleStarCrossesLevelsIncludingNone() {
        S3Glob glob = S3Glob.compile("**/*.csv");

        assertThat(glob.matches("top.csv")).isTrue();
        assertThat(glob.matches("a/b/c/deep.csv")).isTrue();
        assertThat(glob.matches("a/b/c/deep.json")).isFalse();
        assertThat(S3Glob.compile("logs/**").matches("logs/2026/01/x.jsonl")).isTrue();
    }

    @Test
    void bracesAreAlternativesAndEverythingElseIsLiteral() {
        S3Glob glob = S3Glob.compile("{eu,us}/part(1)+[x].{csv,csv.gz}");

        assertThat(glob.matches("eu/part(1)+[x].csv")).isTrue();
        assertThat(glob.matches("us/part(1)+[x].csv.gz")).isTrue();
        assertThat(glob.matches("apac/part(1)+[x].csv")).isFalse();
        assertThat(glob.matches("eu/part1+x.csv")).isFalse();
        assertThat(S3Glob.compile("a,b.csv").matches("a,b.csv")).isTrue();
    }

    @Test
    void rejectsUnbalancedOrNestedBracesNamingTheGlob() {
        assertThatThrownBy(() -> S3Glob.compile("{a,b.csv")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("glob '{a,b.csv' has '{' without its '}': write e.g. '**/*.{csv,csv.gz}'");
        assertThatThrownBy(() -> S3Glob.compile("a}.csv")).hasMessageContaining("'}' without its '{'");
        assertThatThrownBy(() -> S3Glob.compile("{a,{b,c}}")).hasMessageContaining("cannot nest");
    }
}
