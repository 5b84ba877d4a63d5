package dev.outpost.control;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.Message;

import dev.outpost.control.auth.ApiKeyTokens;
import dev.outpost.proto.api.v1.ApiKeyServiceGrpc;
import dev.outpost.proto.api.v1.BrowseDataSourceRequest;
import dev.outpost.proto.api.v1.CatalogServiceGrpc;
import dev.outpost.proto.api.v1.CreateApiKeyRequest;
import dev.outpost.proto.api.v1.CreateDataSourceRequest;
import dev.outpost.proto.api.v1.CreateEdgeRequest;
import dev.outpost.proto.api.v1.CreateOrganisationRequest;
import dev.outpost.proto.api.v1.CreateRuleSetRequest;
import dev.outpost.proto.api.v1.DataSourceBrowserServiceGrpc;
import dev.outpost.proto.api.v1.DataSourceServiceGrpc;
import dev.outpost.proto.api.v1.DeleteCatalogItemRequest;
import dev.outpost.proto.api.v1.DeleteDataSourceRequest;
import dev.outpost.proto.api.v1.DeleteEdgeRequest;
import dev.outpost.proto.api.v1.DeleteRuleSetRequest;
import dev.outpost.proto.api.v1.EdgeServiceGrpc;
import dev.outpost.proto.api.v1.GetCatalogItemRequest;
import dev.outpost.proto.api.v1.GetDataSourceRequest;
import dev.outpost.proto.api.v1.GetEdgeRequest;
import dev.outpost.proto.api.v1.GetFailingGroupsRequest;
import dev.outpost.proto.api.v1.GetFailingRowsRequest;
import dev.outpost.proto.api.v1.GetJobRequest;
import dev.outpost.proto.api.v1.GetProfileRequest;
import dev.outpost.proto.api.v1.GetRuleSetRequest;
import dev.outpost.proto.api.v1.ImportCatalogRequest;
import dev.outpost.proto.api.v1.Job;
import dev.outpost.proto.api.v1.JobServiceGrpc;
import dev.outpost.proto.api.v1.ListApiKeysRequest;
import dev.outpost.proto.api.v1.ListCatalogItemsRequest;
import dev.outpost.proto.api.v1.ListDataSourcesRequest;
import dev.outpost.proto.api.v1.ListEdgesRequest;
import dev.outpost.proto.api.v1.ListJobsRequest;
import dev.outpost.proto.api.v1.ListRuleSetsRequest;
import dev.outpost.proto.api.v1.OrganisationServiceGrpc;
import dev.outpost.proto.api.v1.PreviewDataSourceRequest;
import dev.outpost.proto.api.v1.ReimportCatalogItemRequest;
import dev.outpost.proto.api.v1.ReplaceRuleSetRequest;
import dev.outpost.proto.api.v1.RevokeApiKeyRequest;
import dev.outpost.proto.api.v1.Role;
import dev.outpost.proto.api.v1.RotateEdgeTokenRequest;
import dev.outpost.proto.api.v1.RuleSetServiceGrpc;
import dev.outpost.proto.api.v1.SubmitJobRequest;
import dev.outpost.proto.api.v1.TestDataSourceConnectionRequest;
import dev.outpost.proto.api.v1.UpdateDataSourceRequest;
import dev.outpost.proto.api.v1.WatchJobRequest;
import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.DataLocation;
import io.grpc.BindableService;
import io.grpc.Channel;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Organisations are sealed from each other and roles hold: every REST operation of the OpenAPI document and every
 * method of the gRPC API is tried with organisation A's keys against organisation B's objects, with a viewer key,
 * and without a valid key. The endpoint lists come from the running application, so an endpoint added without a case
 * here fails {@link #everyRestOperationHasACase()} or {@link #everyGrpcMethodHasACase()}.
 */
@QuarkusTest
@TestProfile(ControlApiTestProfile.class)
class OrganisationIsolationTest extends HttpsTest {

    /** What organisation A's call on organisation B's object must look like. */
    enum Expect {
        /** Exactly what a call on an object that does not exist gets. */
        NOT_FOUND,
        /** A list without any of B's objects. */
        NONE_OF_B,
        /** Creates something in A's own organisation (B's objects are not involved). */
        OWN,
        /** Only the operator key may call it. */
        OPERATOR_ONLY
    }

    /**
     * The objects a case refers to: B's in the real run, fresh random ids in the "does not exist" run.
     *
     * @param edge       an edge id
     * @param dataSource a data source id
     * @param ruleSet    a rule set id
     * @param job        a job id
     * @param apiKey     an API key id
     * @param catalogItem a catalog item id
     */
    record Refs(String edge, String dataSource, String ruleSet, String job, String apiKey, String catalogItem) {

        static Refs random() {
            return new Refs(uuid(), uuid(), uuid(), uuid(), uuid(), uuid());
        }

        List<String> all() {
            return List.of(edge, dataSource, ruleSet, job, apiKey, catalogItem);
        }

        /** {@code text} with these ids replaced by a placeholder, to compare answers about different ids. */
        String anonymise(String text) {
            String result = text;
            for (String id : all()) {
                result = result.replace(id, "<id>");
            }
            return result;
        }
    }

    /** A REST operation: method, path template as in the OpenAPI document, the concrete call, what A must get. */
    record RestCase(String method, String template, Function<Refs, String> path, Function<Refs, Object> body,
            Expect expect) {

        String operation() {
            return method + " " + template;
        }

        boolean changes() {
            return !"GET".equals(method);
        }

        Response send(RequestSpecification request, Refs refs) {
            Object payload = body.apply(refs);
            if (payload != null) {
                request.contentType(ContentType.JSON).body(payload);
            }
            return request.request(method, path.apply(refs));
        }
    }

    /** A gRPC method: its full name, the call, what A must get. */
    record GrpcCase(String method, GrpcCall call, Expect expect) {

        boolean changes() {
            String name = method.substring(method.indexOf('/') + 1);
            return !(name.startsWith("Get") || name.startsWith("List") || name.startsWith("Watch")
                    || name.startsWith("Browse") || name.startsWith("Preview"));
        }
    }

    @FunctionalInterface
    interface GrpcCall {
        Message invoke(Channel channel, Refs refs);
    }

    /** Keys and objects of one organisation, made once for the whole class. */
    record Organisation(String admin, String editor, String viewer, Refs refs) {
    }

    private static Organisation a;
    private static Organisation b;

    @Inject
    @Any
    Instance<BindableService> grpcServices;

    @Inject
    EntityManager db;

    @BeforeEach
    void organisations() throws InterruptedException {
        // Every call of this class says which key it sends, or that it sends none.
        RestAssured.requestSpecification = null;
        if (a == null) {
            a = organisation("isolation-a");
            b = organisation("isolation-b");
        }
    }

    @Test
    void everyRestOperationHasACase() {
        Map<String, Map<String, Object>> paths = given().accept("application/json").get("/q/openapi")
                .then().statusCode(200).extract().path("paths");
        Set<String> served = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet()
                .forEach(method -> served.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        assertThat(new TreeSet<>(restCases().stream().map(RestCase::operation).toList()))
                .as("one case per REST operation: add the new operation to restCases()")
                .isEqualTo(served);
    }

    @Test
    void everyGrpcMethodHasACase() {
        Set<String> served = new TreeSet<>();
        grpcServices.forEach(service -> {
            var descriptor = service.bindService().getServiceDescriptor();
            if (descriptor.getName().startsWith("outpost.api.v1.")) {
                descriptor.getMethods().stream().filter(m -> implemented(service, m.getBareMethodName()))
                        .forEach(m -> served.add(m.getFullMethodName()));
            }
        });
        assertThat(served).as("the gRPC API was found").isNotEmpty();
        assertThat(new TreeSet<>(grpcCases().stream().map(GrpcCase::method).toList()))
                .as("one case per gRPC method: add the new method to grpcCases()")
                .isEqualTo(served);
    }

    @Test
    void organisationACannotSeeOrTouchAnythingOfOrganisationBOverRest() {
        for (RestCase c : restCases()) {
            Response answer = c.send(given().header(AUTHORIZATION, bearer(a.admin())), b.refs());
            String what = "A's admin: " + c.operation();
            switch (c.expect()) {
                case NOT_FOUND -> {
                    Refs missing = Refs.random();
                    Response notThere = c.send(given().header(AUTHORIZATION, bearer(a.admin())), missing);
                    assertThat(answer.statusCode()).as(what).isEqualTo(404);
                    assertThat(b.refs().anonymise(answer.asString())).as(what + " looks like a missing object")
                            .isEqualTo(missing.anonymise(notThere.asString()));
                }
                case NONE_OF_B -> {
                    assertThat(answer.statusCode()).as(what).isEqualTo(200);
                    assertThat(b.refs().all()).as(what).noneMatch(answer.asString()::contains);
                    Response own = c.send(given().header(AUTHORIZATION, bearer(b.admin())), b.refs());
                    assertThat(b.refs().all()).as("B's admin sees B's objects: " + c.operation())
                            .anyMatch(own.asString()::contains);
                }
                case OWN -> {
                    assertThat(answer.statusCode()).as(what).isEqualTo(201);
                    String id = answer.path("id") != null ? answer.path("id")
                            : answer.path("edge.id") != null ? answer.path("edge.id") : answer.path("apiKey.id");
                    assertThat(id).as(what + " answers the new object's id").isNotNull();
                    Response seenByB = given().header(AUTHORIZATION, bearer(b.admin())).get(c.path().apply(b.refs()));
                    assertThat(seenByB.asString()).as("B does not see what A created: " + c.operation())
                            .doesNotContain(id);
                }
                case OPERATOR_ONLY -> {
                    assertThat(answer.statusCode()).as(what).isEqualTo(403);
                    Response asOperator = c.send(given().header(AUTHORIZATION,
                            bearer(ControlApiTestProfile.OPERATOR_KEY)), b.refs());
                    assertThat(asOperator.statusCode()).as("the operator: " + c.operation()).isEqualTo(201);
                }
            }
        }
    }

    @Test
    void organisationACannotSeeOrTouchAnythingOfOrganisationBOverGrpc() {
        Channel asA = withKey(a.admin());
        for (GrpcCase c : grpcCases()) {
            String what = "A's admin: " + c.method();
            switch (c.expect()) {
                case NOT_FOUND -> {
                    Refs missing = Refs.random();
                    Status status = failure(() -> c.call().invoke(asA, b.refs()));
                    Status notThere = failure(() -> c.call().invoke(asA, missing));
                    assertThat(status.getCode()).as(what).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(b.refs().anonymise(status.getDescription())).as(what + " looks like a missing object")
                            .isEqualTo(missing.anonymise(notThere.getDescription()));
                }
                case NONE_OF_B -> {
                    String answer = c.call().invoke(asA, b.refs()).toString();
                    assertThat(b.refs().all()).as(what).noneMatch(answer::contains);
                    String own = c.call().invoke(withKey(b.admin()), b.refs()).toString();
                    assertThat(b.refs().all()).as("B's admin sees B's objects: " + c.method()).anyMatch(own::contains);
                }
                case OWN -> assertThat(c.call().invoke(asA, b.refs()).toString()).as(what)
                        .doesNotContain(b.refs().all().toArray(String[]::new));
                case OPERATOR_ONLY -> {
                    assertThat(failure(() -> c.call().invoke(asA, b.refs())).getCode()).as(what)
                            .isEqualTo(Status.Code.PERMISSION_DENIED);
                    assertThat(c.call().invoke(withKey(ControlApiTestProfile.OPERATOR_KEY), b.refs()))
                            .as("the operator: " + c.method()).isNotNull();
                }
            }
        }
    }

    @Test
    void aReferenceCheckNeverReadsAnotherOrganisationsDataSource() {
        String yaml = JobSourcesTest.REFERENCE_RULES.replace("countries", "isolation-b-ds");
        String ruleSet = given().header(AUTHORIZATION, bearer(a.editor())).contentType(ContentType.JSON)
                .body(Map.of("name", "isolation-a-reads-b", "yaml", yaml)).post("/api/v1/rule-sets")
                .then().statusCode(201).extract().path("id");
        String answer = given().header(AUTHORIZATION, bearer(a.editor())).contentType(ContentType.JSON)
                .body(Map.of("dataSourceId", a.refs().dataSource(), "ruleSetId", ruleSet)).post("/api/v1/jobs")
                .then().statusCode(400).extract().asString();
        assertThat(answer).contains("no data source has that name").contains("isolation-a-ds")
                .doesNotContain(b.refs().dataSource()).doesNotContain(b.refs().edge());
        given().header(AUTHORIZATION, bearer(a.editor())).delete("/api/v1/rule-sets/" + ruleSet)
                .then().statusCode(204);
    }

    @Test
    void aViewerCannotChangeAnything() {
        List<String> checked = new ArrayList<>();
        for (RestCase c : restCases()) {
            Response answer = c.send(given().header(AUTHORIZATION, bearer(a.viewer())), a.refs());
            if (c.changes()) {
                assertThat(answer.statusCode()).as("A's viewer: " + c.operation()).isEqualTo(403);
                assertThat(answer.<String>path("error")).isEqualTo("PERMISSION_DENIED");
                checked.add(c.operation());
            } else if (!c.template().startsWith("/api/v1/api-keys")) {
                assertThat(answer.statusCode()).as("A's viewer may read: " + c.operation()).isNotIn(401, 403);
            }
        }
        Channel asViewer = withKey(a.viewer());
        for (GrpcCase c : grpcCases()) {
            if (c.changes()) {
                assertThat(failure(() -> c.call().invoke(asViewer, a.refs())).getCode()).as("A's viewer: " + c.method())
                        .isEqualTo(Status.Code.PERMISSION_DENIED);
                checked.add(c.method());
            }
        }
        assertThat(checked).as("changing operations tried").hasSizeGreaterThanOrEqualTo(10);
        given().header(AUTHORIZATION, bearer(a.viewer())).contentType(ContentType.JSON).body(Map.of("name", "v-edge"))
                .post("/api/v1/edges").then().statusCode(403)
                .body("message", containsString("Your role viewer cannot register edges"));
    }

    @Test
    void onlyAdminsManageApiKeys() {
        for (RestCase c : restCases()) {
            if (c.template().startsWith("/api/v1/api-keys")) {
                assertThat(c.send(given().header(AUTHORIZATION, bearer(a.editor())), a.refs()).statusCode())
                        .as("A's editor: " + c.operation()).isEqualTo(403);
            }
        }
        Channel asEditor = withKey(a.editor());
        for (GrpcCase c : grpcCases()) {
            if (c.method().startsWith("outpost.api.v1.ApiKeyService/")) {
                assertThat(failure(() -> c.call().invoke(asEditor, a.refs())).getCode()).as("A's editor: " + c.method())
                        .isEqualTo(Status.Code.PERMISSION_DENIED);
            }
        }
    }

    @Test
    void aMissingWrongOrRevokedKeyGetsTheSameUnauthenticatedAnswer() {
        String revoked = given().header(AUTHORIZATION, bearer(a.admin())).contentType(ContentType.JSON)
                .body(Map.of("name", "soon-revoked", "role", "editor")).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("key");
        given().header(AUTHORIZATION, bearer(revoked)).get("/api/v1/edges").then().statusCode(200);
        String revokedId = idOfKey(a.admin(), "soon-revoked");
        given().header(AUTHORIZATION, bearer(a.admin())).delete("/api/v1/api-keys/" + revokedId)
                .then().statusCode(200).body("revokedAt", notNullValue());

        Map<String, Function<RequestSpecification, RequestSpecification>> callers = new LinkedHashMap<>();
        callers.put("no key", r -> r);
        callers.put("not a bearer", r -> r.header(AUTHORIZATION, "Basic " + a.admin()));
        callers.put("a wrong key", r -> r.header(AUTHORIZATION, bearer(wrongKeyLike(a.admin()))));
        callers.put("an unknown key", r -> r.header(AUTHORIZATION, bearer(ApiKeyTokens.generate().key())));
        callers.put("a revoked key", r -> r.header(AUTHORIZATION, bearer(revoked)));
        Set<String> bodies = new TreeSet<>();
        for (RestCase c : restCases()) {
            callers.forEach((who, request) -> {
                Response answer = c.send(request.apply(given()), a.refs());
                assertThat(answer.statusCode()).as(who + ": " + c.operation()).isEqualTo(401);
                assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
                bodies.add(answer.asString());
            });
        }
        assertThat(bodies).as("one body for every unauthenticated REST call").hasSize(1);
        assertThat(bodies.iterator().next()).doesNotContain("revoked", "unknown", "wrong", "missing");

        Map<String, Channel> grpcCallers = new LinkedHashMap<>();
        grpcCallers.put("no key", channel);
        grpcCallers.put("a wrong key", withKey(wrongKeyLike(a.admin())));
        grpcCallers.put("a revoked key", withKey(revoked));
        Set<String> descriptions = new TreeSet<>();
        for (GrpcCase c : grpcCases()) {
            grpcCallers.forEach((who, asWho) -> {
                Status status = failure(() -> c.call().invoke(asWho, a.refs()));
                assertThat(status.getCode()).as(who + ": " + c.method()).isEqualTo(Status.Code.UNAUTHENTICATED);
                descriptions.add(status.getDescription());
            });
        }
        assertThat(descriptions).as("one description for every unauthenticated gRPC call").hasSize(1);
    }

    @Test
    void revokingAKeyEndsTheJobWatchesItOpened() {
        String[] watcher = createKey(a.admin(), "watcher", "viewer");
        Iterator<Job> watch = JobServiceGrpc.newBlockingStub(withKey(watcher[1]))
                .withDeadlineAfter(20, TimeUnit.SECONDS)
                .watchJob(WatchJobRequest.newBuilder().setId(a.refs().job()).build());
        assertThat(watch.next().getId()).isEqualTo(a.refs().job());
        given().header(AUTHORIZATION, bearer(a.admin())).delete("/api/v1/api-keys/" + watcher[0])
                .then().statusCode(200);
        assertThat(failure(watch::hasNext).getCode()).as("the watch of a job that stays queued, after the revocation")
                .isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void anApiKeyIsShownOnceAndOnlyItsHashIsStored() {
        var created = given().header(AUTHORIZATION, bearer(a.admin())).contentType(ContentType.JSON)
                .body(Map.of("name", "shown-once", "role", "viewer")).post("/api/v1/api-keys")
                .then().statusCode(201).body("apiKey.role", equalTo("viewer")).extract();
        String key = created.path("key");
        String id = created.path("apiKey.id");
        assertThat(key).startsWith("opk_" + created.<String>path("apiKey.prefix") + "_").hasSize(4 + 8 + 1 + 43);

        String listed = given().header(AUTHORIZATION, bearer(a.admin())).get("/api/v1/api-keys").then().statusCode(200)
                .extract().asString();
        assertThat(listed).contains(id).doesNotContain(key).doesNotContain(secretOf(key));

        List<?> rows = db.createNativeQuery("select cast(k.* as text) from api_key k where id = :id")
                .setParameter("id", UUID.fromString(id)).getResultList();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).toString()).doesNotContain(key).doesNotContain(secretOf(key))
                .contains(ApiKeyTokens.hash(key));
        long anywhere = ((Number) db.createNativeQuery(
                "select count(*) from api_key k where cast(k.* as text) like :secret")
                .setParameter("secret", "%" + secretOf(key) + "%").getSingleResult()).longValue();
        assertThat(anywhere).isZero();
    }

    @Test
    void theBootstrapAdminKeyIsPrivateToItsOwner() throws Exception {
        assertThat(Files.getPosixFilePermissions(ControlApiTestProfile.ADMIN_KEY_FILE))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        given().header(AUTHORIZATION, bearer(adminKey())).get("/api/v1/api-keys").then().statusCode(200)
                .body("find { it.name == 'first-admin' }.role", equalTo("admin"));
    }

    @Test
    void theLastAdminKeyOfAnOrganisationCannotBeRevoked() {
        String admin = given().header(AUTHORIZATION, bearer(ControlApiTestProfile.OPERATOR_KEY))
                .contentType(ContentType.JSON).body(Map.of("name", "one-admin")).post("/api/v1/organisations")
                .then().statusCode(201).extract().path("key");
        given().header(AUTHORIZATION, bearer(admin)).delete("/api/v1/api-keys/" + idOfKey(admin, "first-admin"))
                .then().statusCode(409).body("message", containsString("last admin key"));
        given().header(AUTHORIZATION, bearer(admin)).get("/api/v1/api-keys").then().statusCode(200);
    }

    @Test
    void namesAreUniquePerOrganisation() {
        String bEdgeName = given().header(AUTHORIZATION, bearer(b.admin())).get("/api/v1/edges/" + b.refs().edge())
                .then().statusCode(200).extract().path("name");
        given().header(AUTHORIZATION, bearer(a.editor())).contentType(ContentType.JSON)
                .body(Map.of("name", bEdgeName)).post("/api/v1/edges").then().statusCode(201);
    }

    private List<RestCase> restCases() {
        String rules = RestApiTest.RULES;
        return List.of(
                new RestCase("POST", "/api/v1/organisations", r -> "/api/v1/organisations",
                        r -> Map.of("name", "org-" + uuid().substring(0, 8)), Expect.OPERATOR_ONLY),
                new RestCase("POST", "/api/v1/api-keys", r -> "/api/v1/api-keys",
                        r -> Map.of("name", "k-" + uuid().substring(0, 8), "role", "viewer"), Expect.OWN),
                new RestCase("GET", "/api/v1/api-keys", r -> "/api/v1/api-keys", r -> null, Expect.NONE_OF_B),
                new RestCase("DELETE", "/api/v1/api-keys/{id}", r -> "/api/v1/api-keys/" + r.apiKey(), r -> null,
                        Expect.NOT_FOUND),
                new RestCase("POST", "/api/v1/edges", r -> "/api/v1/edges",
                        r -> Map.of("name", "e-" + uuid().substring(0, 8)), Expect.OWN),
                new RestCase("GET", "/api/v1/edges", r -> "/api/v1/edges", r -> null, Expect.NONE_OF_B),
                new RestCase("GET", "/api/v1/edges/{id}", r -> "/api/v1/edges/" + r.edge(), r -> null,
                        Expect.NOT_FOUND),
                new RestCase("PATCH", "/api/v1/edges/{id}", r -> "/api/v1/edges/" + r.edge(),
                        r -> Map.of("name", "renamed"), Expect.NOT_FOUND),
                new RestCase("DELETE", "/api/v1/edges/{id}", r -> "/api/v1/edges/" + r.edge(), r -> null,
                        Expect.NOT_FOUND),
                new RestCase("POST", "/api/v1/edges/{id}/token", r -> "/api/v1/edges/" + r.edge() + "/token",
                        r -> null, Expect.NOT_FOUND),
                new RestCase("POST", "/api/v1/data-sources", r -> "/api/v1/data-sources",
                        r -> Map.of("name", "d-" + uuid().substring(0, 8), "edgeId", r.edge(), "bucket", "data",
                                "prefix", "in/", "format", "csv"), Expect.NOT_FOUND),
                new RestCase("GET", "/api/v1/data-sources", r -> "/api/v1/data-sources", r -> null,
                        Expect.NONE_OF_B),
                new RestCase("GET", "/api/v1/data-sources/{id}", r -> "/api/v1/data-sources/" + r.dataSource(),
                        r -> null, Expect.NOT_FOUND),
                new RestCase("PATCH", "/api/v1/data-sources/{id}", r -> "/api/v1/data-sources/" + r.dataSource(),
                        r -> Map.of("prefix", "elsewhere/"), Expect.NOT_FOUND),
                new RestCase("DELETE", "/api/v1/data-sources/{id}", r -> "/api/v1/data-sources/" + r.dataSource(),
                        r -> null, Expect.NOT_FOUND),
                new RestCase("GET", "/api/v1/data-sources/{id}/files",
                        r -> "/api/v1/data-sources/" + r.dataSource() + "/files", r -> null, Expect.NOT_FOUND),
                new RestCase("POST", "/api/v1/data-sources/{id}/test-connection",
                        r -> "/api/v1/data-sources/" + r.dataSource() + "/test-connection", r -> null,
                        Expect.NOT_FOUND),
                new RestCase("GET", "/api/v1/data-sources/{id}/browse",
                        r -> "/api/v1/data-sources/" + r.dataSource() + "/browse", r -> null, Expect.NOT_FOUND),
                new RestCase("GET", "/api/v1/data-sources/{id}/preview",
                        r -> "/api/v1/data-sources/" + r.dataSource() + "/preview?key=in/a.csv", r -> null,
                        Expect.NOT_FOUND),
                new RestCase("POST", "/api/v1/catalog/imports", r -> "/api/v1/catalog/imports",
                        r -> Map.of("dataSourceId", r.dataSource()), Expect.NOT_FOUND),
                new RestCase("GET", "/api/v1/catalog/items", r -> "/api/v1/catalog/items", r -> null,
                        Expect.NONE_OF_B),
                new RestCase("GET", "/api/v1/catalog/items/{id}", r -> "/api/v1/catalog/items/" + r.catalogItem(),
                        r -> null, Expect.NOT_FOUND),
                new RestCase("POST", "/api/v1/catalog/items/{id}/reimport",
                        r -> "/api/v1/catalog/items/" + r.catalogItem() + "/reimport", r -> null, Expect.NOT_FOUND),
                new RestCase("DELETE", "/api/v1/catalog/items/{id}",
                        r -> "/api/v1/catalog/items/" + r.catalogItem(), r -> null, Expect.NOT_FOUND),
                new RestCase("POST", "/api/v1/rule-sets", r -> "/api/v1/rule-sets",
                        r -> Map.of("name", "r-" + uuid().substring(0, 8), "yaml", rules), Expect.OWN),
                new RestCase("GET", "/api/v1/rule-sets", r -> "/api/v1/rule-sets", r -> null, Expect.NONE_OF_B),
                new RestCase("GET", "/api/v1/rule-sets/{id}", r -> "/api/v1/rule-sets/" + r.ruleSet(), r -> null,
                        Expect.NOT_FOUND),
                new RestCase("PUT", "/api/v1/rule-sets/{id}", r -> "/api/v1/rule-sets/" + r.ruleSet(),
                        r -> Map.of("yaml", rules), Expect.NOT_FOUND),
                new RestCase("DELETE", "/api/v1/rule-sets/{id}", r -> "/api/v1/rule-sets/" + r.ruleSet(), r -> null,
                        Expect.NOT_FOUND),
                new RestCase("POST", "/api/v1/jobs", r -> "/api/v1/jobs",
                        r -> Map.of("dataSourceId", r.dataSource(), "ruleSetId", r.ruleSet()), Expect.NOT_FOUND),
                new RestCase("GET", "/api/v1/jobs", r -> "/api/v1/jobs", r -> null, Expect.NONE_OF_B),
                new RestCase("GET", "/api/v1/jobs/{id}", r -> "/api/v1/jobs/" + r.job(), r -> null,
                        Expect.NOT_FOUND),
                new RestCase("GET", "/api/v1/jobs/{id}/checks/{check}/failing-rows",
                        r -> "/api/v1/jobs/" + r.job() + "/checks/id-present/failing-rows", r -> null,
                        Expect.NOT_FOUND),
                new RestCase("GET", "/api/v1/jobs/{id}/checks/{check}/failing-groups",
                        r -> "/api/v1/jobs/" + r.job() + "/checks/id-present/failing-groups", r -> null,
                        Expect.NOT_FOUND),
                new RestCase("GET", "/api/v1/jobs/{id}/profile", r -> "/api/v1/jobs/" + r.job() + "/profile",
                        r -> null, Expect.NOT_FOUND));
    }

    private static List<GrpcCase> grpcCases() {
        return List.of(
                new GrpcCase("outpost.api.v1.OrganisationService/CreateOrganisation",
                        (ch, r) -> OrganisationServiceGrpc.newBlockingStub(ch).createOrganisation(
                                CreateOrganisationRequest.newBuilder().setName("org-" + uuid().substring(0, 8))
                                        .build()), Expect.OPERATOR_ONLY),
                new GrpcCase("outpost.api.v1.ApiKeyService/CreateApiKey",
                        (ch, r) -> ApiKeyServiceGrpc.newBlockingStub(ch).createApiKey(CreateApiKeyRequest.newBuilder()
                                .setName("k-" + uuid().substring(0, 8)).setRole(Role.ROLE_VIEWER).build()),
                        Expect.OWN),
                new GrpcCase("outpost.api.v1.ApiKeyService/ListApiKeys",
                        (ch, r) -> ApiKeyServiceGrpc.newBlockingStub(ch).listApiKeys(
                                ListApiKeysRequest.getDefaultInstance()), Expect.NONE_OF_B),
                new GrpcCase("outpost.api.v1.ApiKeyService/RevokeApiKey",
                        (ch, r) -> ApiKeyServiceGrpc.newBlockingStub(ch).revokeApiKey(
                                RevokeApiKeyRequest.newBuilder().setId(r.apiKey()).build()), Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.EdgeService/CreateEdge",
                        (ch, r) -> EdgeServiceGrpc.newBlockingStub(ch).createEdge(CreateEdgeRequest.newBuilder()
                                .setName("e-" + uuid().substring(0, 8)).build()), Expect.OWN),
                new GrpcCase("outpost.api.v1.EdgeService/GetEdge",
                        (ch, r) -> EdgeServiceGrpc.newBlockingStub(ch).getEdge(GetEdgeRequest.newBuilder()
                                .setId(r.edge()).build()), Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.EdgeService/RotateEdgeToken",
                        (ch, r) -> EdgeServiceGrpc.newBlockingStub(ch).rotateEdgeToken(RotateEdgeTokenRequest
                                .newBuilder().setId(r.edge()).build()), Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.EdgeService/DeleteEdge",
                        (ch, r) -> EdgeServiceGrpc.newBlockingStub(ch).deleteEdge(DeleteEdgeRequest.newBuilder()
                                .setId(r.edge()).build()), Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.EdgeService/ListEdges",
                        (ch, r) -> EdgeServiceGrpc.newBlockingStub(ch).listEdges(ListEdgesRequest.getDefaultInstance()),
                        Expect.NONE_OF_B),
                new GrpcCase("outpost.api.v1.DataSourceService/CreateDataSource",
                        (ch, r) -> DataSourceServiceGrpc.newBlockingStub(ch).createDataSource(
                                CreateDataSourceRequest.newBuilder().setName("d-" + uuid().substring(0, 8))
                                        .setEdgeId(r.edge()).setLocation(DataLocation.newBuilder().setBucket("data")
                                                .setPrefix("in/").setFormat(DataFormat.DATA_FORMAT_CSV))
                                        .build()), Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.DataSourceService/GetDataSource",
                        (ch, r) -> DataSourceServiceGrpc.newBlockingStub(ch).getDataSource(
                                GetDataSourceRequest.newBuilder().setId(r.dataSource()).build()), Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.DataSourceService/ListDataSources",
                        (ch, r) -> DataSourceServiceGrpc.newBlockingStub(ch).listDataSources(
                                ListDataSourcesRequest.getDefaultInstance()), Expect.NONE_OF_B),
                new GrpcCase("outpost.api.v1.DataSourceService/UpdateDataSource",
                        (ch, r) -> DataSourceServiceGrpc.newBlockingStub(ch).updateDataSource(
                                UpdateDataSourceRequest.newBuilder().setId(r.dataSource()).setPrefix("elsewhere/")
                                        .build()), Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.DataSourceService/DeleteDataSource",
                        (ch, r) -> DataSourceServiceGrpc.newBlockingStub(ch).deleteDataSource(
                                DeleteDataSourceRequest.newBuilder().setId(r.dataSource()).build()), Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.DataSourceBrowserService/TestDataSourceConnection",
                        (ch, r) -> DataSourceBrowserServiceGrpc.newBlockingStub(ch).testDataSourceConnection(
                                TestDataSourceConnectionRequest.newBuilder().setDataSourceId(r.dataSource()).build()),
                        Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.DataSourceBrowserService/BrowseDataSource",
                        (ch, r) -> DataSourceBrowserServiceGrpc.newBlockingStub(ch).browseDataSource(
                                BrowseDataSourceRequest.newBuilder().setDataSourceId(r.dataSource()).build()),
                        Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.DataSourceBrowserService/PreviewDataSource",
                        (ch, r) -> DataSourceBrowserServiceGrpc.newBlockingStub(ch).previewDataSource(
                                PreviewDataSourceRequest.newBuilder().setDataSourceId(r.dataSource())
                                        .setKey("in/a.csv").build()), Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.CatalogService/ImportCatalog",
                        (ch, r) -> CatalogServiceGrpc.newBlockingStub(ch).importCatalog(ImportCatalogRequest
                                .newBuilder().setDataSourceId(r.dataSource()).build()), Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.CatalogService/ListCatalogItems",
                        (ch, r) -> CatalogServiceGrpc.newBlockingStub(ch).listCatalogItems(
                                ListCatalogItemsRequest.getDefaultInstance()), Expect.NONE_OF_B),
                new GrpcCase("outpost.api.v1.CatalogService/GetCatalogItem",
                        (ch, r) -> CatalogServiceGrpc.newBlockingStub(ch).getCatalogItem(GetCatalogItemRequest
                                .newBuilder().setId(r.catalogItem()).build()), Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.CatalogService/ReimportCatalogItem",
                        (ch, r) -> CatalogServiceGrpc.newBlockingStub(ch).reimportCatalogItem(
                                ReimportCatalogItemRequest.newBuilder().setId(r.catalogItem()).build()),
                        Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.CatalogService/DeleteCatalogItem",
                        (ch, r) -> CatalogServiceGrpc.newBlockingStub(ch).deleteCatalogItem(
                                DeleteCatalogItemRequest.newBuilder().setId(r.catalogItem()).build()),
                        Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.RuleSetService/CreateRuleSet",
                        (ch, r) -> RuleSetServiceGrpc.newBlockingStub(ch).createRuleSet(CreateRuleSetRequest
                                .newBuilder().setName("r-" + uuid().substring(0, 8)).setYaml(RestApiTest.RULES)
                                .build()), Expect.OWN),
                new GrpcCase("outpost.api.v1.RuleSetService/GetRuleSet",
                        (ch, r) -> RuleSetServiceGrpc.newBlockingStub(ch).getRuleSet(GetRuleSetRequest.newBuilder()
                                .setId(r.ruleSet()).build()), Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.RuleSetService/ListRuleSets",
                        (ch, r) -> RuleSetServiceGrpc.newBlockingStub(ch).listRuleSets(
                                ListRuleSetsRequest.getDefaultInstance()), Expect.NONE_OF_B),
                new GrpcCase("outpost.api.v1.RuleSetService/ReplaceRuleSet",
                        (ch, r) -> RuleSetServiceGrpc.newBlockingStub(ch).replaceRuleSet(ReplaceRuleSetRequest
                                .newBuilder().setId(r.ruleSet()).setYaml(RestApiTest.RULES).build()),
                        Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.RuleSetService/DeleteRuleSet",
                        (ch, r) -> RuleSetServiceGrpc.newBlockingStub(ch).deleteRuleSet(DeleteRuleSetRequest
                                .newBuilder().setId(r.ruleSet()).build()), Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.JobService/SubmitJob",
                        (ch, r) -> JobServiceGrpc.newBlockingStub(ch).submitJob(SubmitJobRequest.newBuilder()
                                .setDataSourceId(r.dataSource()).setRuleSetId(r.ruleSet()).build()),
                        Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.JobService/GetJob",
                        (ch, r) -> JobServiceGrpc.newBlockingStub(ch).getJob(GetJobRequest.newBuilder()
                                .setId(r.job()).build()), Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.JobService/ListJobs",
                        (ch, r) -> JobServiceGrpc.newBlockingStub(ch).listJobs(ListJobsRequest.getDefaultInstance()),
                        Expect.NONE_OF_B),
                new GrpcCase("outpost.api.v1.JobService/GetFailingRows",
                        (ch, r) -> JobServiceGrpc.newBlockingStub(ch).getFailingRows(GetFailingRowsRequest.newBuilder()
                                .setJobId(r.job()).setCheck("id-present").build()), Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.JobService/GetFailingGroups",
                        (ch, r) -> JobServiceGrpc.newBlockingStub(ch).getFailingGroups(GetFailingGroupsRequest
                                .newBuilder().setJobId(r.job()).setCheck("id-present").build()), Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.JobService/GetProfile",
                        (ch, r) -> JobServiceGrpc.newBlockingStub(ch).getProfile(GetProfileRequest.newBuilder()
                                .setJobId(r.job()).build()), Expect.NOT_FOUND),
                new GrpcCase("outpost.api.v1.JobService/WatchJob",
                        (ch, r) -> JobServiceGrpc.newBlockingStub(ch).watchJob(WatchJobRequest.newBuilder()
                                .setId(r.job()).build()).next(), Expect.NOT_FOUND));
    }

    /** An organisation made by the operator, with an editor and a viewer key, an edge, a source, rules and a job. */
    private Organisation organisation(String name) throws InterruptedException {
        String admin = given().header(AUTHORIZATION, bearer(ControlApiTestProfile.OPERATOR_KEY))
                .contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/v1/organisations")
                .then().statusCode(201).extract().path("key");
        String editor = createKey(admin, name + "-editor", "editor")[1];
        String[] viewer = createKey(admin, name + "-viewer", "viewer");
        var createdEdge = given().header(AUTHORIZATION, bearer(editor)).contentType(ContentType.JSON)
                .body(Map.of("name", name + "-edge")).post("/api/v1/edges").then().statusCode(201).extract();
        String edge = createdEdge.path("edge.id");
        String source = given().header(AUTHORIZATION, bearer(editor)).contentType(ContentType.JSON)
                .body(Map.of("name", name + "-ds", "edgeId", edge, "bucket", "data", "prefix", "in/", "format", "csv"))
                .post("/api/v1/data-sources").then().statusCode(201).extract().path("id");
        String ruleSet = given().header(AUTHORIZATION, bearer(editor)).contentType(ContentType.JSON)
                .body(Map.of("name", name + "-rules", "yaml", RestApiTest.RULES)).post("/api/v1/rule-sets")
                .then().statusCode(201).extract().path("id");
        String job = given().header(AUTHORIZATION, bearer(editor)).contentType(ContentType.JSON)
                .body(Map.of("dataSourceId", source, "ruleSetId", ruleSet)).post("/api/v1/jobs")
                .then().statusCode(202).extract().path("id");
        String item = CatalogTest.importedItem(editor, channel, new String[] {edge, createdEdge.path("token")},
                source, "in/catalogued.csv");
        return new Organisation(admin, editor, viewer[1], new Refs(edge, source, ruleSet, job, viewer[0], item));
    }

    /** Returns {id, key}. */
    private static String[] createKey(String admin, String name, String role) {
        var created = given().header(AUTHORIZATION, bearer(admin)).contentType(ContentType.JSON)
                .body(Map.of("name", name, "role", role)).post("/api/v1/api-keys").then().statusCode(201).extract();
        return new String[] {created.path("apiKey.id"), created.path("key")};
    }

    private static String idOfKey(String admin, String name) {
        return given().header(AUTHORIZATION, bearer(admin)).get("/api/v1/api-keys").then().statusCode(200)
                .extract().path("find { it.name == '" + name + "' }.id");
    }

    /** {@code key} with its last secret character changed: right prefix, wrong secret. */
    private static String wrongKeyLike(String key) {
        char last = key.charAt(key.length() - 1);
        return key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    /**
     * Whether {@code service} implements {@code rpc}; a method declared in proto but not implemented yet answers
     * UNIMPLEMENTED to everyone, so it has nothing to isolate.
     */
    private static boolean implemented(BindableService service, String rpc) {
        String javaName = Character.toLowerCase(rpc.charAt(0)) + rpc.substring(1);
        for (Class<?> type = service.getClass(); !type.getSimpleName().endsWith("ImplBase");
                type = type.getSuperclass()) {
            if (Arrays.stream(type.getDeclaredMethods()).anyMatch(m -> m.getName().equals(javaName))) {
                return true;
            }
        }
        return false;
    }

    /** The random part of {@code opk_<prefix>_<secret>}. */
    private static String secretOf(String key) {
        return key.substring(ApiKeyTokens.PREFIX.length() + 8 + 1);
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }
}
