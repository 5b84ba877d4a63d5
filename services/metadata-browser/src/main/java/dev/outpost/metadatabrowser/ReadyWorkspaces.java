package dev.outpost.metadatabrowser;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.outpost.dq.scan.DuckDbWorkspace;
import io.quarkus.runtime.StartupEvent;

/**
 * Locked-down DuckDB workspaces for the requests that read files. Starting DuckDB and locking it to a directory takes
 * about 15 ms of CPU and closing it a few more, as much as the rest of a small file's description; on a small machine
 * that work also slows whatever runs beside it. So a few DuckDBs are opened at start and serve requests one after the
 * other.
 *
 * <p>A request gets a DuckDB that no other request uses until it ends, and a folder of its own inside that DuckDB's
 * locked directory for its copies. When the request ends the folder is deleted with everything in it, and only then
 * does the DuckDB serve another request. Folder names are never reused, DuckDB keeps no file contents between
 * statements (see {@link DuckDbWorkspace#open}), and every statement is metadata-browser's own and names only the
 * request's copies: no request can see another's data, on disk or through DuckDB.
 */
@ApplicationScoped
class ReadyWorkspaces {

    /** How many DuckDBs are kept open while idle; more requests at once open their own, closed when they end. */
    static final int SPARE = 2;

    private static final Logger LOG = Logger.getLogger(ReadyWorkspaces.class);

    /** A DuckDB locked to its own scratch directory. */
    private record Engine(Scratch scratch, DuckDbWorkspace duckDb) {

        void close() {
            try {
                duckDb.close();
            } finally {
                scratch.close();
            }
        }
    }

    /** One request's folder and the DuckDB that reads it, until the request ends. */
    final class Workspace implements AutoCloseable {

        private final Engine engine;
        private final Scratch folder;

        private Workspace(Engine engine, Scratch folder) {
            this.engine = engine;
            this.folder = folder;
        }

        /** The request's folder, inside the only directory DuckDB may read. */
        Path directory() {
            return folder.directory();
        }

        DuckDbWorkspace duckDb() {
            return engine.duckDb();
        }

        /** Deletes the request's folder with everything in it, then lets the DuckDB serve the next request. */
        @Override
        public void close() {
            folder.close();
            release(engine);
        }
    }

    /** Idle DuckDBs, the most recently used first. Guarded by {@code this}. */
    private final Deque<Engine> idle = new ArrayDeque<>();
    private final AtomicLong requests = new AtomicLong();
    /** Guarded by {@code this}. */
    private boolean stopped;

    void prepare(@Observes StartupEvent started) {
        // Off the start-up thread: metadata-browser also answers PostgreSQL requests, which need no DuckDB.
        Thread.ofPlatform().name("open-workspaces").daemon().start(() -> {
            for (int i = 0; i < SPARE; i++) {
                try {
                    release(open());
                } catch (RuntimeException e) {
                    // Requests open their own and report the failure if it persists.
                    LOG.warnf("Could not open a DuckDB workspace ahead of requests: %s", e.getMessage());
                    return;
                }
            }
        });
    }

    /** A DuckDB and a fresh folder for one request, to be closed when the request ends. */
    Workspace take() {
        Engine engine;
        synchronized (this) {
            engine = idle.pollFirst();
        }
        if (engine == null) {
            engine = open();
        }
        try {
            return new Workspace(engine, Scratch.inside(engine.scratch().directory(),
                    "request-" + requests.incrementAndGet()));
        } catch (RuntimeException e) {
            release(engine);
            throw e;
        }
    }

    private void release(Engine engine) {
        synchronized (this) {
            if (!stopped && idle.size() < SPARE) {
                idle.addFirst(engine);
                return;
            }
        }
        engine.close();
    }

    private static Engine open() {
        Scratch scratch = Scratch.create();
        try {
            return new Engine(scratch, DuckDbWorkspace.open(scratch.directory()));
        } catch (RuntimeException e) {
            scratch.close();
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        synchronized (this) {
            stopped = true;
            idle.forEach(Engine::close);
            idle.clear();
        }
    }
}
