package dev.outpost.control.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseCatalogueTest {

    @Test
    void readsVersionsAndDatesSkippingCommentsAndBlankLines() {
        var releases = ReleaseCatalogue.parse("# releases\n\n0.1.0 2026-01-10\n  0.2.0\t2026-03-01  \n");
        assertThat(releases).extracting(r -> r.version().text()).containsExactly("0.1.0", "0.2.0");
        assertThat(releases.get(1).date()).isEqualTo(LocalDate.of(2026, 3, 1));
    }

    @Test
    void theShippedCatalogueLoads() {
        assertThat(ReleaseCatalogue.load()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "0.1.0 2026-01-10\\n0.2.0| line 2 ('0.2.0'): expected '<version> <release date>'",
            "0.1 2026-01-10| line 1 ('0.1 2026-01-10'): '0.1' is not a MAJOR.MINOR.PATCH version",
            "0.1.0 10.01.2026| line 1 ('0.1.0 10.01.2026'): '10.01.2026' is not a date (YYYY-MM-DD)",
            "# only a comment| lists no release",
    })
    void aBadCatalogueFailsNamingTheLine(String text, String message) {
        assertThatThrownBy(() -> ReleaseCatalogue.parse(text.replace("\\n", "\n")))
                .hasMessageContaining(ReleaseCatalogue.RESOURCE).hasMessageContaining(message);
    }
}
