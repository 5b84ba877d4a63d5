package dev.outpost.metadatabrowser;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.outpost.edge.InteractiveException;
import dev.outpost.edge.InteractiveResponder;
import dev.outpost.proto.interactive.v1.DataSource;
import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.interactive.v1.InteractiveRequest.KindCase;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Answers browse_files, test_connection, browse and preview requests from the {@code interactive} queue for as long
 * as the service runs, up to {@link BrowserConfig#concurrentRequests()} at a time. Each request but the older
 * browse_files gets at most {@link BrowserConfig#requestTimeout()}.
 */
@ApplicationScoped
class MetadataRequests {

    private final QueueClient queues;
    private final FileBrowser browser;
    private final S3Sources s3;
    private final PostgresSources postgres;
    private final RequestDeadline deadline;
    private final BrowserConfig config;
    private InteractiveResponder responder;

    MetadataRequests(QueueClient queues, FileBrowser browser, S3Sources s3, PostgresSources postgres,
            RequestDeadline deadline, BrowserConfig config) {
        this.queues = queues;
        this.browser = browser;
        this.s3 = s3;
        this.postgres = postgres;
        this.deadline = deadline;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        responder = InteractiveResponder.start(queues, OutpostQueue.INTERACTIVE, Map.of(
                KindCase.BROWSE_FILES,
                request -> InteractiveReply.newBuilder().setBrowseFiles(browser.browse(request.getBrowseFiles())),
                KindCase.TEST_CONNECTION, request -> {
                    DataSource source = request.getTestConnection().getSource();
                    return InteractiveReply.newBuilder().setTestConnection(deadline.run(source, () -> switch (
                            kindOf(source)) {
                        case S3 -> s3.testConnection(source.getS3());
                        default -> postgres.testConnection(source.getPostgres(),
                                request.getTestConnection().getSchema());
                    }));
                },
                KindCase.BROWSE, request -> {
                    DataSource source = request.getBrowse().getSource();
                    return InteractiveReply.newBuilder().setBrowse(deadline.run(source, () -> switch (
                            kindOf(source)) {
                        case S3 -> s3.browse(source.getS3(), request.getBrowse().getLimit());
                        default -> postgres.browse(source.getPostgres(), request.getBrowse().getSchema(),
                                request.getBrowse().getLimit());
                    }));
                },
                KindCase.PREVIEW, request -> {
                    DataSource source = request.getPreview().getSource();
                    int rows = previewRows(request.getPreview().getLimit());
                    return InteractiveReply.newBuilder().setPreview(deadline.run(source, () -> switch (
                            kindOf(source)) {
                        case S3 -> s3.preview(source.getS3(), rows);
                        default -> postgres.preview(source.getPostgres(), request.getPreview().getSchema(),
                                request.getPreview().getTable(), rows);
                    }));
                }), config.visibility(), config.concurrentRequests());
    }

    void stop(@Observes ShutdownEvent stopping) {
        responder.close();
    }

    private static DataSource.KindCase kindOf(DataSource source) {
        if (source.getKindCase() == DataSource.KindCase.KIND_NOT_SET) {
            throw InteractiveException.invalidRequest("the request names no data source: set source.s3 (bucket and "
                    + "prefix) or source.postgres (jdbc_url, user, password_secret)");
        }
        return source.getKindCase();
    }

    private int previewRows(int asked) {
        int cap = config.previewMaxRows();
        if (asked < 1) {
            throw InteractiveException.invalidRequest("preview limit " + asked + " is out of range: use 1 to " + cap);
        }
        return Math.min(asked, cap);
    }
}
