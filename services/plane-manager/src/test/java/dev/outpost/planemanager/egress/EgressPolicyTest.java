package dev.outpost.planemanager.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.outpost.proto.audit.v1.EgressRecord;
import dev.outpost.proto.edgelink.v1.Command;
import dev.outpost.proto.edgelink.v1.EdgeEvent;
import dev.outpost.proto.edgelink.v1.EdgeFrame;
import dev.outpost.proto.edgelink.v1.RunJob;
import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.interactive.v1.PresignedPage;
import dev.outpost.proto.interactive.v1.ReadFailingGroupsRequest;
import dev.outpost.proto.interactive.v1.ReadFailingRowsReply;
import dev.outpost.proto.interactive.v1.ReadProfileRequest;
import dev.outpost.proto.interactive.v1.TransientView;
import dev.outpost.proto.job.v1.JobKind;
import dev.outpost.proto.job.v1.JobSpec;

class EgressPolicyTest {

    @Test
    void everyCommandKindHasAnEgressClass() {
        // An interactive command is classified by the kind of request it carries, a RunJob command by its job's kind.
        assertThat(Arrays.stream(Command.KindCase.values()).filter(kind -> kind != Command.KindCase.KIND_NOT_SET
                && kind != Command.KindCase.INTERACTIVE && kind != Command.KindCase.RUN_JOB))
                .as("classify every new command kind in EgressPolicy.CLASSES")
                .allSatisfy(kind -> assertThat(EgressPolicy.CLASSES).containsKey(kind));
        assertThat(Arrays.stream(JobKind.values())
                .filter(kind -> kind != JobKind.JOB_KIND_UNSPECIFIED && kind != JobKind.UNRECOGNIZED))
                .as("classify every new job kind in EgressPolicy.CLASSES")
                .allSatisfy(kind -> assertThat(EgressPolicy.CLASSES).containsKey(kind));
        assertThat(Arrays.stream(InteractiveRequest.KindCase.values())
                .filter(kind -> kind != InteractiveRequest.KindCase.KIND_NOT_SET))
                .as("classify every new interactive request kind in EgressPolicy.CLASSES")
                .allSatisfy(kind -> assertThat(EgressPolicy.CLASSES).containsKey(kind));
    }

    @Test
    void anInteractiveCommandIsClassifiedByItsRequestAndAnUnknownKindByNothing() {
        assertThat(EgressPolicy.classOf(Command.newBuilder().setInteractive(InteractiveRequest.newBuilder()
                .setReadFailingRows(dev.outpost.proto.interactive.v1.ReadFailingRowsRequest.getDefaultInstance()))
                .build())).contains(EgressClass.RESULT_PAGES);
        assertThat(EgressPolicy.classOf(Command.newBuilder().setInteractive(InteractiveRequest.getDefaultInstance())
                .build())).as("a request kind from a newer control-api is refused").isEmpty();
    }

    @Test
    void aJobIsClassifiedByItsKindAndAMetadataImportAsTheCatalog() {
        assertThat(EgressPolicy.classOf(runJob(JobKind.JOB_KIND_UNSPECIFIED))).contains(EgressClass.JOB_AGGREGATES);
        assertThat(EgressPolicy.classOf(runJob(JobKind.JOB_KIND_PROFILE))).contains(EgressClass.JOB_AGGREGATES);
        assertThat(EgressPolicy.classOf(runJob(JobKind.JOB_KIND_METADATA_IMPORT)))
                .contains(EgressClass.CATALOG_IMPORT);
        assertThat(EgressPolicy.classOf(Command.newBuilder().setRunJob(RunJob.newBuilder().setSpec(JobSpec
                .newBuilder().setKindValue(99))).build())).as("a job kind from a newer control-api is refused")
                .isEmpty();
    }

    private static Command runJob(JobKind kind) {
        return Command.newBuilder().setRunJob(RunJob.newBuilder().setSpec(JobSpec.newBuilder().setKind(kind))).build();
    }

    @Test
    void profilesAndFailingGroupsAreSwitchedByTheirOwnClasses() {
        assertThat(EgressPolicy.classOf(Command.newBuilder().setInteractive(InteractiveRequest.newBuilder()
                .setReadProfile(ReadProfileRequest.getDefaultInstance())).build())).contains(EgressClass.PROFILES);
        assertThat(EgressPolicy.classOf(Command.newBuilder().setInteractive(InteractiveRequest.newBuilder()
                .setReadFailingGroups(ReadFailingGroupsRequest.getDefaultInstance())).build()))
                .contains(EgressClass.RESULT_PAGES);
        assertThat(EgressClass.PROFILES.setting()).isEqualTo("outpost.edge.egress.profiles");
    }

    @Test
    void aPresignedPageIsAuditedWithoutItsUrl() {
        EdgeFrame frame = EdgeFrame.newBuilder().setEvent(EdgeEvent.newBuilder().setEventId("event-1")
                .setInteractiveReply(InteractiveReply.newBuilder().setRequestId("request-1")
                        .setReadFailingRows(ReadFailingRowsReply.newBuilder().setMatchingRows(3)
                                .setPresigned(PresignedPage.newBuilder()
                                        .setUrl("https://results.example/page.json?X-Amz-Signature=cafe")))))
                .build();

        EgressRecord record = EgressRecords.of(frame, Instant.now(), "edge-1", "replica-1", "api-key k");

        assertThat(record.hasContent()).isFalse();
        assertThat(record.getWithheld()).isEqualTo(EgressRecords.WITHHELD_URL);
        assertThat(record.getRequestId()).isEqualTo("request-1");
        assertThat(EgressRecords.jsonLine(record)).doesNotContain("X-Amz-Signature", "results.example");
    }

    @Test
    void everySwitchableClassNamesItsSetting() {
        assertThat(EgressClass.RESULT_PAGES.setting()).isEqualTo("outpost.edge.egress.result-pages");
        assertThat(EgressClass.CATALOG_IMPORT.setting()).isEqualTo("outpost.edge.egress.catalog-import");
        assertThat(EgressClass.JOB_AGGREGATES.setting()).isNull();
    }

    @Test
    void aTransientViewIsFoundWhereverItSitsInAFrame() {
        assertThat(EgressRecords.carriesTransientView(InteractiveReply.newBuilder()
                .setReadFailingRows(ReadFailingRowsReply.newBuilder().setView(TransientView.getDefaultInstance()))
                .build())).isTrue();
        assertThat(EgressRecords.carriesTransientView(InteractiveReply.newBuilder()
                .setReadFailingRows(ReadFailingRowsReply.newBuilder().setTotalRows(3)).build())).isFalse();
    }
}
