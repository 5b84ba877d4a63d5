package dev.outpost.metadatabrowser;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.outpost.edge.InteractiveResponder;
import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Answers browse_files requests from the {@code interactive} queue for as long as the service runs. */
@ApplicationScoped
class BrowseRequests {

    private final QueueClient queues;
    private final FileBrowser browser;
    private final BrowserConfig config;
    private InteractiveResponder responder;

    BrowseRequests(QueueClient queues, FileBrowser browser, BrowserConfig config) {
        this.queues = queues;
        this.browser = browser;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        responder = InteractiveResponder.start(queues, OutpostQueue.INTERACTIVE,
                InteractiveRequest.KindCase.BROWSE_FILES, config.visibility(),
                request -> InteractiveReply.newBuilder().setBrowseFiles(browser.browse(request.getBrowseFiles())));
    }

    void stop(@Observes ShutdownEvent stopping) {
        responder.close();
    }
}
