package dev.outpost.planemanager.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.outpost.proto.edgelink.v1.Command;
import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.interactive.v1.ReadFailingRowsReply;
import dev.outpost.proto.interactive.v1.TransientView;

class EgressPolicyTest {

    @Test
    void everyCommandKindHasAnEgressClass() {
        // An interactive command is classified by the kind of request it carries.
        assertThat(Arrays.stream(Command.KindCase.values())
                .filter(kind -> kind != Command.KindCase.KIND_NOT_SET && kind != Command.KindCase.INTERACTIVE))
                .as("classify every new command kind in EgressPolicy.CLASSES")
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
