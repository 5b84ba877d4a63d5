package dev.outpost.resultsreader;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.outpost.edge.InteractiveResponder;
import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Answers read_failing_rows requests from the {@code results} queue for as long as the service runs. */
@ApplicationScoped
class ResultsRequests {

    private final QueueClient queues;
    private final FailingRowPages pages;
    private final ResultsReaderConfig config;
    private InteractiveResponder responder;

    ResultsRequests(QueueClient queues, FailingRowPages pages, ResultsReaderConfig config) {
        this.queues = queues;
        this.pages = pages;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        responder = InteractiveResponder.start(queues, OutpostQueue.RESULTS,
                InteractiveRequest.KindCase.READ_FAILING_ROWS, config.visibility(),
                request -> InteractiveReply.newBuilder().setReadFailingRows(pages.read(request.getReadFailingRows())));
    }

    void stop(@Observes ShutdownEvent stopping) {
        responder.close();
    }
}
