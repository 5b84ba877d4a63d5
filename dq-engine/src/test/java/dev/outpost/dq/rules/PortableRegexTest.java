package dev.outpost.dq.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PortableRegexTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "^[^@ ]+@[^@ ]+\\.[a-z]{2,}$",
        "(?i)[a-z]+",
        "(?<year>\\d{4})-\\d{2}",
        "[(?=]+",
        "[]a]+",
        "\\\\1",
        "\\Q(?=\\E",
        "a+?b*?"
    })
    void acceptsPatternsEveryEngineRuns(String pattern) {
        assertThat(PortableRegex.firstUnsupported(pattern)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(?=a)b       | a lookahead '(?=' at index 0",
        "a(?!b)       | a lookahead '(?!' at index 1",
        "(?<=a)b      | a lookbehind '(?<=' at index 0",
        "(?<!a)b      | a lookbehind '(?<!' at index 0",
        "(?>ab)       | an atomic group '(?>' at index 0",
        "(a)\\1       | a backreference at index 3",
        "(?<x>a)\\k<x> | a backreference at index 7",
        "a++          | a possessive quantifier '++' at index 1",
        "a{2}+        | a possessive quantifier '}+' at index 3"
    })
    void namesTheFirstConstructOnlyJavaRuns(String pattern, String construct) {
        assertThat(PortableRegex.firstUnsupported(pattern)).contains(construct);
    }
}
