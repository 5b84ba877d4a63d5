package dev.outpost.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

import io.fabric8.kubernetes.api.model.PodSpec;

/**
 * The images the charts run: every one has a service with JVM and native Dockerfiles that copy what the build
 * produces (Quarkus fast-jar, or the native runner), run as the charts' user, expose the port the charts probe, and a
 * `native` Maven profile. Text checks only: no image can be built here.
 */
class ImagesTest {

    static final Path SERVICES = Path.of("..", "services");
    /** What `./mvnw package` writes for a Quarkus fast-jar: the Dockerfile copies all of it and nothing else. */
    static final Set<String> FAST_JAR = Set.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar",
            "target/quarkus-app/app/", "target/quarkus-app/quarkus/");
    static final Pattern COPY = Pattern.compile("(?m)^COPY (?:--\\S+ )*(\\S+) (\\S+)$");
    static final Pattern EXPOSE = Pattern.compile("(?m)^EXPOSE (\\d+)$");
    static final Pattern FROM = Pattern.compile("(?m)^FROM (\\S+)");
    static final Pattern USER = Pattern.compile("(?m)^USER (\\d+)$");
    static final Map<String, PodSpec> CHART_PODS = chartPods();

    static Stream<String> services() throws IOException {
        try (var dirs = Files.list(SERVICES)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).map(d -> d.getFileName().toString())
                    .sorted().toList().stream();
        }
    }

    /** Pod specs of both charts by image name (the last path segment of the image, without the tag). */
    static Map<String, PodSpec> chartPods() {
        var pods = new TreeMap<String, PodSpec>();
        RenderedChart.render().componentPods().values().forEach(p -> pods.put(imageName(p), p));
        var control = ControlChart.render(Map.of());
        pods.put(imageName(ControlChart.deployment(control).getSpec().getTemplate().getSpec()),
                ControlChart.deployment(control).getSpec().getTemplate().getSpec());
        return pods;
    }

    private static String imageName(PodSpec pod) {
        var image = RenderedChart.only(pod).getImage();
        return image.substring(image.lastIndexOf('/') + 1, image.lastIndexOf(':'));
    }

    @Test
    void everyImageTheChartsRunIsAService() throws IOException {
        assertThat(CHART_PODS.keySet()).containsExactlyElementsOf(new TreeSet<>(services().toList()));
    }

    @ParameterizedTest
    @MethodSource("services")
    void jvmDockerfileCopiesTheFastJarAndMatchesTheCharts(String service) throws IOException {
        var dockerfile = read(service, "src/main/docker/Dockerfile.jvm");
        var sources = new TreeSet<String>();
        COPY.matcher(dockerfile).results().forEach(m -> sources.add(m.group(1)));
        assertThat(sources).as("%s Dockerfile.jvm copies the fast-jar layout", service).isEqualTo(new TreeSet<>(FAST_JAR));
        assertThat(dockerfile).contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"")
                .contains("-t ghcr.io/outpost-dev/outpost/" + service + ":");
        assertThat(read(service, "src/main/resources/application.properties"))
                .as("%s keeps the fast-jar packaging its Dockerfile and the embedded mesh need", service)
                .doesNotContain("quarkus.package.jar.type");

        var pod = CHART_PODS.get(service);
        assertThat(USER.matcher(dockerfile).results().map(m -> Long.valueOf(m.group(1))).toList())
                .containsExactly(pod.getSecurityContext().getRunAsUser());
        var ports = RenderedChart.only(pod).getPorts().stream().map(p -> p.getContainerPort().toString()).toList();
        assertThat(EXPOSE.matcher(dockerfile).results().map(m -> m.group(1)).toList()).isEqualTo(ports);

        if (usesDuckDb(service)) {
            assertThat(dockerfile).contains("--enable-native-access=ALL-UNNAMED").contains("glibc");
            assertThat(FROM.matcher(dockerfile).results().map(m -> m.group(1)).toList())
                    .as("DuckDB's JNI library needs a glibc base image").noneMatch(image -> image.contains("alpine"));
        } else {
            assertThat(dockerfile).doesNotContain("--enable-native-access");
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void nativeDockerfileAndProfile(String service) throws Exception {
        var dockerfile = read(service, "src/main/docker/Dockerfile.native");
        assertThat(COPY.matcher(dockerfile).results().map(m -> m.group(1)).toList()).containsExactly("target/*-runner");
        assertThat(dockerfile).contains("-Pnative").contains("USER 185");

        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(SERVICES.resolve(service).resolve("pom.xml").toFile());
        var profiles = pom.getElementsByTagName("profile");
        Element nativeProfile = null;
        for (int i = 0; i < profiles.getLength(); i++) {
            var profile = (Element) profiles.item(i);
            if (profile.getElementsByTagName("id").item(0).getTextContent().equals("native")) {
                nativeProfile = profile;
            }
        }
        assertThat(nativeProfile).as("%s pom.xml has a `native` profile", service).isNotNull();
        assertThat(text(nativeProfile, "quarkus.native.enabled")).isEqualTo("true");
        if (usesDuckDb(service)) {
            assertThat(text(nativeProfile, "quarkus.native.resources.includes")).isEqualTo("libduckdb_java.so_linux_*");
        }
    }

    private static String text(Element parent, String tag) {
        var nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }

    private static boolean usesDuckDb(String service) throws IOException {
        try (var sources = Files.walk(SERVICES.resolve(service).resolve("src/main/java"))) {
            return sources.filter(Files::isRegularFile).anyMatch(f -> {
                try {
                    return Files.readString(f).contains("DuckDb");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static String read(String service, String file) throws IOException {
        var path = SERVICES.resolve(service).resolve(file);
        assertThat(path).as("%s needs %s", service, file).isRegularFile();
        return Files.readString(path);
    }
}
