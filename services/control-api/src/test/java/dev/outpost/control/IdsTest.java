package dev.outpost.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idShapedValuesAreLoggedAsTheyAre() {
        assertThat(Ids.loggable("6fa86fb2-a641-4db3-823d-f213916f7779")).isEqualTo("6fa86fb2-a641-4db3-823d-f213916f7779");
        assertThat(Ids.loggable("e-started_1")).isEqualTo("e-started_1");
    }

    @Test
    void anythingElseIsReplacedSoItCannotReachTheLog() {
        assertThat(Ids.loggable("id\n12:00:00 INFO forged line")).isEqualTo("<malformed id>");
        assertThat(Ids.loggable("alice@example.com,4111111111111111")).isEqualTo("<malformed id>");
        assertThat(Ids.loggable("x".repeat(65))).isEqualTo("<malformed id>");
        assertThat(Ids.loggable("")).isEqualTo("<malformed id>");
        assertThat(Ids.loggable(null)).isEqualTo("<malformed id>");
    }
}
