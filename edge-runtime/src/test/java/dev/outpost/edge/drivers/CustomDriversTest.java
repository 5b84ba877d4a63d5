package dev.outpost.edge.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.outpost.localcloud.LocalS3;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Custom drivers from zips this test builds around a real JDBC driver, H2, which the build copies to
 * target/test-drivers/h2.jar and keeps off the test class path: only a zip's class loader can find it.
 */
class CustomDriversTest {

    private static final Path H2_JAR = Path.of("target", "test-drivers", "h2.jar");
    private static final String H2_URL = "jdbc:h2:mem:outpost";
    private static final Supplier<S3Client> NO_S3 = () -> {
        throw new AssertionError("no s3:// source in this test");
    };

    @TempDir
    Path work;

    @BeforeAll
    static void h2IsOnlyInTheZip() {
        assertThat(H2_JAR).as("copied by maven-dependency-plugin").isRegularFile();
        assertThatThrownBy(() -> Class.forName("org.h2.Driver")).isInstanceOf(ClassNotFoundException.class);
        assertNoSuitableDriver();
    }

    @Test
    void goodZipRegistersTheDriverAndOpensAConnection() throws Exception {
        var zip = zip(h2Entries());
        try (var drivers = CustomDriversInstaller.install(config(zip.toUri().toString(), sha256(zip)), NO_S3)) {
            assertThat(drivers.driverClasses()).containsExactly("org.h2.Driver");
            try (var connection = DriverManager.getConnection(H2_URL);
                 var result = connection.createStatement().executeQuery("select 40 + 2")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(42);
                assertThat(connection.getClass().getClassLoader().getName()).isEqualTo("outpost-driver-h2");
            }
        }
        assertNoSuitableDriver();
    }

    @Test
    void tamperedZipFailsBeforeAnythingIsOpenedOrLoaded() throws Exception {
        var zip = zip(h2Entries());
        var expected = sha256(zip);
        var bytes = Files.readAllBytes(zip);
        bytes[bytes.length / 2] ^= 1;
        Files.write(zip, bytes);
        var unpacked = Files.createDirectory(work.resolve("unpacked"));

        assertThatThrownBy(() -> DriversArchive.verifyAndUnpack(zip, expected, DriversSource.parse(zip.toUri().toString()), unpacked))
                .isInstanceOf(DriversException.class)
                .hasMessageContaining("does not match its SHA-256")
                .hasMessageContaining("expected " + expected)
                .hasMessageContaining("actual " + sha256(zip))
                .hasMessageContaining(zip.toUri().getPath())
                .hasMessageContaining("Nothing in it was loaded");
        try (var left = Files.list(unpacked)) {
            assertThat(left).as("nothing unpacked").isEmpty();
        }
        assertThatThrownBy(() -> CustomDriversInstaller.install(config(zip.toUri().toString(), expected), NO_S3))
                .isInstanceOf(DriversException.class).hasMessageContaining("does not match its SHA-256");
        assertNoSuitableDriver();
    }

    @Test
    void zipSlipEntriesAreRejected() throws Exception {
        var entries = h2Entries();
        entries.put("drivers/drivers/h2/../../../escaped.jar", new byte[] {1});
        var zip = zip(entries);
        assertThatThrownBy(() -> CustomDriversInstaller.install(config(zip.toUri().toString(), sha256(zip)), NO_S3))
                .isInstanceOf(DriversException.class)
                .hasMessageContaining("points outside its folder: drivers/drivers/h2/../../../escaped.jar");
        assertNoSuitableDriver();
    }

    @Test
    void zipWithoutTheLayoutIsRejected() throws Exception {
        assertRefused(Map.of("h2.jar", Files.readAllBytes(H2_JAR)), "unexpected entry h2.jar",
                "drivers/configs/<name>/<name>.properties and drivers/drivers/<name>/*.jar");
        assertRefused(Map.of("drivers/configs/h2/h2.properties", properties("org.h2.Driver")),
                "custom driver 'h2'", "has no jar in drivers/drivers/h2/");
        assertRefused(Map.of("drivers/drivers/h2/h2.jar", Files.readAllBytes(H2_JAR)),
                "has jars but no drivers/configs/h2/h2.properties");
        assertRefused(Map.of("drivers/configs/h2/other.properties", properties("org.h2.Driver")), "unexpected entry");
        assertRefused(Collections.emptyMap(), "holds no driver");
    }

    @Test
    void propertiesNameALoadableDriverClassAndNothingElse() throws Exception {
        var wrongClass = h2Entries();
        wrongClass.put("drivers/configs/h2/h2.properties", properties("org.h2.NoSuchDriver"));
        assertRefused(wrongClass, "driver.class=org.h2.NoSuchDriver is not in drivers/drivers/h2/*.jar");
        var notADriver = h2Entries();
        notADriver.put("drivers/configs/h2/h2.properties", properties("org.h2.tools.Server"));
        assertRefused(notADriver, "does not implement java.sql.Driver");
        var typo = h2Entries();
        typo.put("drivers/configs/h2/h2.properties", "driver.class=org.h2.Driver\ndriverClass=x\n".getBytes(StandardCharsets.UTF_8));
        assertRefused(typo, "must hold exactly one key, driver.class", "unknown keys: [driverClass]");
    }

    @Test
    void fetchedFromS3() throws Exception {
        var zip = zip(h2Entries());
        try (var s3 = LocalS3.startInMemory(); var client = s3.newClient()) {
            client.createBucket(b -> b.bucket("acme-drivers"));
            client.putObject(b -> b.bucket("acme-drivers").key("outpost/drivers.zip"), RequestBody.fromFile(zip));
            try (var drivers = CustomDriversInstaller.install(config("s3://acme-drivers/outpost/drivers.zip", sha256(zip)), () -> client)) {
                assertThat(drivers.driverClasses()).containsExactly("org.h2.Driver");
                try (var connection = DriverManager.getConnection(H2_URL)) {
                    assertThat(connection.isValid(1)).isTrue();
                }
            }
            assertThatThrownBy(() -> CustomDriversInstaller.install(config("s3://acme-drivers/missing.zip", sha256(zip)), () -> client))
                    .isInstanceOf(DriversException.class)
                    .hasMessageContaining("cannot fetch the custom drivers zip from s3://acme-drivers/missing.zip");
        }
    }

    /** An https:// source goes through the same java.net.http path; a local plain-HTTP server stands in for it. */
    @Test
    void fetchedOverHttpWithoutLeakingTheQuery() throws Exception {
        var zip = zip(h2Entries());
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/drivers.zip", exchange -> {
            exchange.sendResponseHeaders(200, Files.size(zip));
            try (var body = exchange.getResponseBody()) {
                Files.copy(zip, body);
            }
        });
        server.start();
        try {
            var base = "http://127.0.0.1:" + server.getAddress().getPort();
            try (var drivers = CustomDriversInstaller.install(config(base + "/drivers.zip?X-Amz-Signature=s3cr3t", sha256(zip)), NO_S3)) {
                assertThat(drivers.driverClasses()).containsExactly("org.h2.Driver");
            }
            assertThatThrownBy(() -> CustomDriversInstaller.install(config(base + "/gone.zip?X-Amz-Signature=s3cr3t", sha256(zip)), NO_S3))
                    .isInstanceOf(DriversException.class)
                    .hasMessageContaining("from " + base + "/gone.zip: HTTP status 404")
                    .hasMessageNotContaining("s3cr3t");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void sourceAndChecksumGoTogether() {
        assertThat(CustomDriversInstaller.install(config(null, null), NO_S3)).isNull();
        assertThatThrownBy(() -> CustomDriversInstaller.install(config("s3://acme/drivers.zip", null), NO_S3))
                .hasMessageContaining("need both outpost.drivers.source and outpost.drivers.sha256")
                .hasMessageContaining("only source is set");
        assertThatThrownBy(() -> CustomDriversInstaller.install(config(null, "0".repeat(64)), NO_S3))
                .hasMessageContaining("only sha256 is set");
        assertThatThrownBy(() -> CustomDriversInstaller.install(config("s3://acme/drivers.zip", "ABC"), NO_S3))
                .hasMessageContaining("must be the 64-character lower-case hex SHA-256");
        assertThatThrownBy(() -> CustomDriversInstaller.install(config("ftp://acme/drivers.zip", "0".repeat(64)), NO_S3))
                .hasMessageContaining("ftp://acme/drivers.zip is not usable: use s3://bucket/key, https://host/path");
    }

    private void assertRefused(Map<String, byte[]> entries, String... messageParts) throws IOException {
        var zip = zip(new LinkedHashMap<>(entries));
        assertThatThrownBy(() -> CustomDriversInstaller.install(config(zip.toUri().toString(), sha256(zip)), NO_S3))
                .isInstanceOf(DriversException.class).hasMessageContainingAll(messageParts);
        assertNoSuitableDriver();
    }

    private static void assertNoSuitableDriver() {
        assertThat(Collections.list(DriverManager.getDrivers())).noneMatch(DriverShim.class::isInstance);
        assertThatThrownBy(() -> DriverManager.getConnection(H2_URL)).isInstanceOf(SQLException.class)
                .hasMessageContaining("No suitable driver");
    }

    private static Map<String, byte[]> h2Entries() throws IOException {
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put("drivers/", new byte[0]);
        entries.put("drivers/configs/h2/h2.properties", properties("org.h2.Driver"));
        entries.put("drivers/drivers/h2/h2.jar", Files.readAllBytes(H2_JAR));
        return entries;
    }

    private static byte[] properties(String driverClass) {
        return ("# the H2 database\ndriver.class=" + driverClass + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private Path zip(Map<String, byte[]> entries) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ZipOutputStream(bytes)) {
            for (var entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return Files.write(Files.createTempFile(work, "drivers", ".zip"), bytes.toByteArray());
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static DriversConfig config(String source, String sha256) {
        return new DriversConfig() {
            @Override
            public Optional<String> source() {
                return Optional.ofNullable(source);
            }

            @Override
            public Optional<String> sha256() {
                return Optional.ofNullable(sha256);
            }
        };
    }
}
