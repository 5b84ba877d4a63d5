package dev.outpost.control;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@TestProfile(ControlApiTestProfile.class)
class RestApiTest extends HttpsTest {

    static final String RULES = """
            checks:
              - name: id-present
                type: not_null
                column: id
              - name: id-unique
                type: unique
                columns: [id]
            """;

    @Inject
    EntityManager db;

    @Test
    void edgeTokenIsShownOnceAndStoredOnlyAsAHash() {
        String token = given().contentType(ContentType.JSON).body(Map.of("name", "token-edge"))
                .post("/api/v1/edges")
                .then().statusCode(201)
                .body("edge.name", equalTo("token-edge"))
                .body("edge.status", equalTo("disconnected"))
                .extract().path("token");
        assertThat(token).startsWith("opt_").hasSizeGreaterThan(40);

        String id = given().get("/api/v1/edges").then().statusCode(200)
                .extract().path("find { it.name == 'token-edge' }.id");
        given().get("/api/v1/edges/" + id).then().statusCode(200)
                .body("status", equalTo("disconnected"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("token")));

        List<?> hashes = db.createNativeQuery("select token_hash from edge where name = 'token-edge'").getResultList();
        assertThat(hashes).hasSize(1);
        assertThat(hashes.get(0).toString()).isNotEqualTo(token).hasSize(64);
        long rowsWithToken = ((Number) db.createNativeQuery(
                "select count(*) from edge where cast(edge.* as text) like :t")
                .setParameter("t", "%" + token + "%").getSingleResult()).longValue();
        assertThat(rowsWithToken).isZero();
    }

    @Test
    void badNamesAndDuplicatesAreRefusedWithActionableErrors() {
        given().contentType(ContentType.JSON).body(Map.of("name", "Not OK!"))
                .post("/api/v1/edges")
                .then().statusCode(400)
                .body("error", equalTo("INVALID_ARGUMENT"))
                .body("message", containsString("a-z, 0-9 and '-'"));
        given().contentType(ContentType.JSON).body(Map.of("name", "twice")).post("/api/v1/edges")
                .then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("name", "twice")).post("/api/v1/edges")
                .then().statusCode(409).body("error", equalTo("ALREADY_EXISTS"));
        given().get("/api/v1/edges/not-a-uuid").then().statusCode(404).body("error", equalTo("NOT_FOUND"));
    }

    @Test
    void ruleSetErrorsCarryLineAndColumn() {
        String broken = """
                checks:
                  - name: a
                    type: not_null
                    colum: id
                """;
        given().contentType(ContentType.JSON).body(Map.of("name", "broken", "yaml", broken))
                .post("/api/v1/rule-sets")
                .then().statusCode(400)
                .body("error", equalTo("INVALID_ARGUMENT"))
                .body("problems.find { it.message.contains('did you mean') }.line", equalTo(4))
                .body("problems.find { it.message.contains('did you mean') }.column", equalTo(5))
                .body("problems.find { it.message.contains('did you mean') }.message", containsString("did you mean 'column'"));
    }

    @Test
    void dataSourcesAndJobsValidateTheirReferences() {
        String edgeId = given().contentType(ContentType.JSON).body(Map.of("name", "refs-edge"))
                .post("/api/v1/edges").then().statusCode(201).extract().path("edge.id");
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "refs-ds", "edgeId", edgeId, "bucket", "data", "prefix", "x/", "format", "xlsx"))
                .post("/api/v1/data-sources")
                .then().statusCode(400).body("message", containsString("'csv'"));
        String sourceId = given().contentType(ContentType.JSON)
                .body(Map.of("name", "refs-ds", "edgeId", edgeId, "bucket", "data", "prefix", "x/", "format", "CSV"))
                .post("/api/v1/data-sources")
                .then().statusCode(201).body("format", equalTo("csv")).extract().path("id");
        String ruleSetId = given().contentType(ContentType.JSON).body(Map.of("name", "refs-rules", "yaml", RULES))
                .post("/api/v1/rule-sets")
                .then().statusCode(201).body("checkNames", equalTo(List.of("id-present", "id-unique")))
                .extract().path("id");

        given().contentType(ContentType.JSON)
                .body(Map.of("dataSourceId", sourceId, "ruleSetId", "00000000-0000-0000-0000-000000000000"))
                .post("/api/v1/jobs")
                .then().statusCode(404).body("message", containsString("Rule set"));
        given().contentType(ContentType.JSON)
                .body(Map.of("dataSourceId", sourceId, "ruleSetId", ruleSetId, "sampleLimit", 5000))
                .post("/api/v1/jobs")
                .then().statusCode(400).body("message", containsString("0 to 1000"));
        given().contentType(ContentType.JSON).body(Map.of("dataSourceId", sourceId, "ruleSetId", ruleSetId))
                .post("/api/v1/jobs")
                .then().statusCode(202).body("state", equalTo("queued"));
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        given().accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/jobs/{id}/checks/{check}/failing-rows"));
    }
}
