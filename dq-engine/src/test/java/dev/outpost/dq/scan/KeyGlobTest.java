package dev.outpost.dq.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyGlobTest {

    @Test
    void starAndQuestionMarkStayWithinOneLevel() {
        KeyGlob glob = KeyGlob.compile("2026-??/*.csv");

        assertThat(glob.matches("2026-01/sales.csv")).isTrue();
        assertThat(glob.matches("2026-1/sales.csv")).isFalse();
        assertThat(glob.matches("2026-01/eu/sales.csv")).isFalse();
        assertThat(glob.matches("2026-01/sales.csv.gz")).isFalse();
    }

    @Test
    void doubleStarCrossesLevelsIncludingNone() {
        KeyGlob glob = KeyGlob.compile("**/*.csv");

        assertThat(glob.matches("top.csv")).isTrue();
        assertThat(glob.matches("a/b/c/deep.csv")).isTrue();
        assertThat(glob.matches("a/b/c/deep.json")).isFalse();
        assertThat(KeyGlob.compile("logs/**").matches("logs/2026/01/x.jsonl")).isTrue();
    }

    @Test
    void bracesAreAlternativesAndEverythingElseIsLiteral() {
        KeyGlob glob = KeyGlob.compile("{eu,us}/part(1)+[x].{csv,csv.gz}");

        assertThat(glob.matches("eu/part(1)+[x].csv")).isTrue();
        assertThat(glob.matches("us/part(1)+[x].csv.gz")).isTrue();
        assertThat(glob.matches("apac/part(1)+[x].csv")).isFalse();
        assertThat(glob.matches("eu/part1+x.csv")).isFalse();
        assertThat(KeyGlob.compile("a,b.csv").matches("a,b.csv")).isTrue();
    }

    @Test
    void rejectsUnbalancedOrNestedBracesNamingTheGlob() {
        assertThatThrownBy(() -> KeyGlob.compile("{a,b.csv")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("glob '{a,b.csv' has '{' without its '}': write e.g. '**/*.{csv,csv.gz}'");
        assertThatThrownBy(() -> KeyGlob.compile("a}.csv")).hasMessageContaining("'}' without its '{'");
        assertThatThrownBy(() -> KeyGlob.compile("{a,{b,c}}")).hasMessageContaining("cannot nest");
    }
}
