package dev.outpost.metadatabrowser;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.outpost.dq.scan.DuckDbWorkspace;
import io.quarkus.runtime.StartupEvent;

/**
 * Locked-down DuckDB workspaces opened ahead of the requests that read files with them: starting DuckDB and locking
 * it to a fresh scratch directory costs a request about as much as the rest of a small file's description, so a
 * background thread keeps a couple of them ready and opens the next one as soon as one is taken.
 *
 * <p>Each workspace serves exactly one request and is closed with it (DuckDB first, then its scratch directory with
 * the copies in it): a ready workspace holds no data, and no request ever sees another's files. The lockdown is
 * {@link DuckDbWorkspace#open}'s, the same as when a request opened its own.
 *
 * <p>The replacement is opened once a request closes its workspace, not when it takes one: on a small machine,
 * opening DuckDB beside the request's own DuckDB work slows that request by about as much as the open costs.
 */
@ApplicationScoped
class ReadyWorkspaces {

    /** How many workspaces are kept open and ready; more requests at once open theirs themselves. */
    static final int SPARE = 2;

    private static final Logger LOG = Logger.getLogger(ReadyWorkspaces.class);

    /** A workspace and the scratch directory it is confined to, for one request. */
    final class Workspace implements AutoCloseable {

        private final Scratch scratch;
        private final DuckDbWorkspace duckDb;

        private Workspace(Scratch scratch, DuckDbWorkspace duckDb) {
            this.scratch = scratch;
            this.duckDb = duckDb;
        }

        /** The scratch directory, the only one DuckDB may read. */
        Path directory() {
            return scratch.directory();
        }

        DuckDbWorkspace duckDb() {
            return duckDb;
        }

        /** Closes DuckDB, then deletes the scratch directory with everything in it, and has a replacement opened. */
        @Override
        public void close() {
            try {
                duckDb.close();
            } finally {
                scratch.close();
                replenish();
            }
        }
    }

    private final BlockingQueue<Workspace> ready = new LinkedBlockingQueue<>();
    /** Workspaces ready or being opened: at most {@link #SPARE}. */
    private final AtomicInteger provisioned = new AtomicInteger();
    private final ExecutorService opener = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("open-workspace").daemon().factory());

    void prepare(@Observes StartupEvent started) {
        replenish();
    }

    /** A fresh workspace for one request, to be closed when the request ends. */
    Workspace take() {
        Workspace workspace = ready.poll();
        if (workspace == null) {
            return open();
        }
        provisioned.decrementAndGet();
        return workspace;
    }

    private void replenish() {
        int count = provisioned.get();
        while (count < SPARE && !opener.isShutdown()) {
            if (provisioned.compareAndSet(count, count + 1)) {
                opener.execute(this::openAhead);
            }
            count = provisioned.get();
        }
    }

    private void openAhead() {
        try {
            ready.add(open());
        } catch (RuntimeException e) {
            // The next request opens its own and tries again; it reports the failure if it persists.
            provisioned.decrementAndGet();
            LOG.warnf("Could not open a DuckDB workspace ahead of a request: %s", e.getMessage());
        }
    }

    private Workspace open() {
        Scratch scratch = Scratch.create();
        try {
            return new Workspace(scratch, DuckDbWorkspace.open(scratch.directory()));
        } catch (RuntimeException e) {
            scratch.close();
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        opener.shutdownNow();
        for (Workspace workspace = ready.poll(); workspace != null; workspace = ready.poll()) {
            workspace.close();
        }
    }
}
