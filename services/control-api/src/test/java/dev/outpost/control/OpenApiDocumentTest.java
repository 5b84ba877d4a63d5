package dev.outpost.control;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The REST contract is a reviewed file, docs/openapi.yaml: this test fails when the API and the file drift apart.
 * Refresh the file after an intended change with {@code ./mvnw verify -pl services/control-api
 * -Doutpost.openapi.write=true}.
 */
@QuarkusTest
@TestProfile(ControlApiTestProfile.class)
class OpenApiDocumentTest extends HttpsTest {

    private static final Path DOCUMENT = Path.of("..", "..", "docs", "openapi.yaml");

    @Test
    void docsHoldTheServedOpenApiDocument() throws IOException {
        String served = given().accept("application/yaml").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        if (Boolean.getBoolean("outpost.openapi.write")) {
            Files.writeString(DOCUMENT, served, StandardCharsets.UTF_8);
        }
        assertThat(DOCUMENT).as("docs/openapi.yaml (refresh with -Doutpost.openapi.write=true)").exists();
        assertThat(Files.readString(DOCUMENT, StandardCharsets.UTF_8))
                .as("docs/openapi.yaml is out of date: refresh it with -Doutpost.openapi.write=true")
                .isEqualTo(served);
    }
}
