package dev.outpost.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.outpost.embedded.Mesh;
import dev.outpost.embedded.OutpostService;

/**
 * The one mesh of the whole integration-test run: started when the first test class asks for it (a {@link Mesh}
 * parameter of a {@code @BeforeAll} method), shared by every class after it, and stopped when the run ends. Starting
 * the mesh costs more than most tests, and the leak checks gain from seeing everything every class did.
 *
 * <p>A class that asks for a {@link LinkRelay} gets the run's one relay too: plane-manager is restarted once to link
 * through it, and stays so for the rest of the run.
 */
final class SharedMesh implements ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(SharedMesh.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Mesh.class || type == LinkRelay.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The root context's store outlives every class; its AutoCloseable values are closed when the run ends,
        // the relay (stored later) before the mesh.
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        Mesh mesh = store.computeIfAbsent(Mesh.class, type -> start(), Mesh.class);
        if (parameter.getParameter().getType() == Mesh.class) {
            return mesh;
        }
        return store.computeIfAbsent(LinkRelay.class, type -> routeTheLinkThroughARelay(mesh), LinkRelay.class);
    }

    private static Mesh start() {
        Path repoRoot = Path.of(System.getProperty("outpost.home", "..")).toAbsolutePath().normalize();
        Path stateDir = Path.of(System.getProperty("outpost.it.state-dir", "target/embedded-mesh-it"));
        deleteRecursively(stateDir); // the S3 folder and the logs must hold only what this run did
        long started = System.nanoTime();
        Mesh mesh = Mesh.start(Mesh.Options.of(stateDir, repoRoot, line -> System.out.println("[mesh] " + line)));
        System.out.printf("[timing] mesh start: %.1f s%n", (System.nanoTime() - started) / 1e9);
        return mesh;
    }

    private static LinkRelay routeTheLinkThroughARelay(Mesh mesh) {
        LinkRelay relay = LinkRelay.start(mesh.controlApiUri().getPort());
        mesh.stop(OutpostService.PLANE_MANAGER);
        mesh.startAgain(OutpostService.PLANE_MANAGER,
                Map.of("quarkus.grpc.clients.control.port", Integer.toString(relay.port())));
        return relay;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the state directory " + dir, e);
        }
    }
}
