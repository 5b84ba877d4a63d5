package dev.outpost.planemanager.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.outpost.proto.interactive.v1.BrowseRequest;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.interactive.v1.PreviewRequest;
import dev.outpost.proto.interactive.v1.ReadFailingGroupsRequest;
import dev.outpost.proto.interactive.v1.ReadFailingRowsRequest;
import dev.outpost.proto.interactive.v1.ReadProfileRequest;
import dev.outpost.proto.interactive.v1.TestConnectionRequest;
import dev.outpost.sqs.OutpostQueue;

/**
 * Each interactive request goes to the queue of the service that answers it. A profile or a failing-groups page sent
 * to metadata-browser's queue was answered INVALID_REQUEST: the person never saw a profile.
 */
class ServiceQueueTest {

    @Test
    void whatReadsAJobsSealedResultsGoesToResultsReader() {
        assertThat(CommandHandler.serviceQueue(InteractiveRequest.newBuilder()
                .setReadFailingRows(ReadFailingRowsRequest.getDefaultInstance()).build()))
                .isEqualTo(OutpostQueue.RESULTS);
        assertThat(CommandHandler.serviceQueue(InteractiveRequest.newBuilder()
                .setReadProfile(ReadProfileRequest.getDefaultInstance()).build())).isEqualTo(OutpostQueue.RESULTS);
        assertThat(CommandHandler.serviceQueue(InteractiveRequest.newBuilder()
                .setReadFailingGroups(ReadFailingGroupsRequest.getDefaultInstance()).build()))
                .isEqualTo(OutpostQueue.RESULTS);
    }

    @Test
    void whatReadsADataSourceGoesToMetadataBrowser() {
        assertThat(CommandHandler.serviceQueue(InteractiveRequest.newBuilder()
                .setTestConnection(TestConnectionRequest.getDefaultInstance()).build()))
                .isEqualTo(OutpostQueue.INTERACTIVE);
        assertThat(CommandHandler.serviceQueue(InteractiveRequest.newBuilder()
                .setBrowse(BrowseRequest.getDefaultInstance()).build())).isEqualTo(OutpostQueue.INTERACTIVE);
        assertThat(CommandHandler.serviceQueue(InteractiveRequest.newBuilder()
                .setPreview(PreviewRequest.getDefaultInstance()).build())).isEqualTo(OutpostQueue.INTERACTIVE);
    }
}
