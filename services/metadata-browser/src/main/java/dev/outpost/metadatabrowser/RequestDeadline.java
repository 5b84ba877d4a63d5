package dev.outpost.metadatabrowser;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.outpost.edge.InteractiveException;
import dev.outpost.proto.interactive.v1.DataSource;

/**
 * Bounds the time one request may spend on a data source: a person is waiting, so a slow or silent source becomes a
 * {@code TIMEOUT} error after {@link BrowserConfig#requestTimeout()} rather than a request that never ends. The work is
 * interrupted; sources also get the same bound as their own connect and read timeouts, so they stop on their own.
 */
@ApplicationScoped
class RequestDeadline {

    /** The code of a request that ran out of time. */
    static final String TIMEOUT = "TIMEOUT";

    private final BrowserConfig config;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    RequestDeadline(BrowserConfig config) {
        this.config = config;
    }

    /**
     * Runs {@code work} on {@code source} within the configured time.
     *
     * @throws InteractiveException TIMEOUT when it takes longer; whatever {@code work} throws otherwise
     */
    <T> T run(DataSource source, Callable<T> work) {
        Future<T> answer = workers.submit(work);
        try {
            return answer.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw InteractiveException.withCode(TIMEOUT, Sources.describe(source) + " did not answer within "
                    + config.requestTimeout().toMillis() + " ms (outpost.browser.request-timeout): check that it is "
                    + "up and reachable from the edge, or ask the edge's operators to raise the setting");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("request failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            throw new IllegalStateException("interrupted while answering a request", e);
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
