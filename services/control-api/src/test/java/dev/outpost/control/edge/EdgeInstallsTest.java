package dev.outpost.control.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EdgeInstallsTest {

    @Test
    void aNameThatFitsIsKept() {
        assertThat(EdgeInstalls.fit("acme-prod-eu", EdgeInstalls.MAX_RELEASE)).isEqualTo("acme-prod-eu");
    }

    @Test
    void aLongNameIsCutWithAHashSoThatNamesSharingAPrefixStayApart() {
        String a = "a".repeat(50) + "-first";
        String b = "a".repeat(50) + "-second";
        String fittedA = EdgeInstalls.fit(a, EdgeInstalls.MAX_RELEASE);
        String fittedB = EdgeInstalls.fit(b, EdgeInstalls.MAX_RELEASE);
        assertThat(fittedA).hasSize(EdgeInstalls.MAX_RELEASE).matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
        assertThat(fittedA).isNotEqualTo(fittedB).isEqualTo(EdgeInstalls.fit(a, EdgeInstalls.MAX_RELEASE));
    }

    @Test
    void aCutNeverLeavesADashBeforeTheHash() {
        String name = "x".repeat(43) + "-" + "y".repeat(19);
        assertThat(EdgeInstalls.fit(name, EdgeInstalls.MAX_RELEASE)).doesNotContain("--")
                .startsWith("x".repeat(43) + "-");
    }
}
