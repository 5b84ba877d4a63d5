package dev.outpost.planemanager.egress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;

import dev.outpost.proto.audit.v1.EgressRecord;
import dev.outpost.proto.edgelink.v1.EdgeEvent;
import dev.outpost.proto.edgelink.v1.EdgeFrame;
import dev.outpost.proto.interactive.v1.PresignedPage;
import dev.outpost.proto.interactive.v1.TransientView;

/**
 * Turns a frame that left the edge into its audit record: type, size and ids always; the whole frame for metadata and
 * aggregates; never the content of a frame that carries a {@link TransientView} or a {@link PresignedPage} (a URL
 * that fetches customer rows until it expires), wherever in the frame it sits, so a reply type added later that shows
 * rows is withheld without anyone remembering to list it here.
 */
final class EgressRecords {

    static final String WITHHELD = "transient view: the customer rows shown to the requester are not copied into "
            + "the audit log";
    static final String WITHHELD_URL = "pre-signed page: the URL that fetches customer rows is not copied into the "
            + "audit log";

    private static final JsonFormat.Printer JSON = JsonFormat.printer()
            .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder().add(EdgeFrame.getDescriptor()).build())
            .preservingProtoFieldNames()
            .omittingInsignificantWhitespace();

    private EgressRecords() {
    }

    /**
     * @param requestedBy who asked for the interactive request this frame answers ("" if not a reply or unknown)
     */
    static EgressRecord of(EdgeFrame frame, Instant time, String edgeId, String replicaId, String requestedBy) {
        EgressRecord.Builder record = EgressRecord.newBuilder()
                .setTime(timestamp(time))
                .setEdgeId(edgeId)
                .setReplicaId(replicaId)
                .setSizeBytes(frame.getSerializedSize());
        switch (frame.getKindCase()) {
            case HELLO -> record.setType("hello");
            case HEARTBEAT -> record.setType("heartbeat");
            case COMMAND_ACK -> record.setType("command_ack").setCommandSeq(frame.getCommandAck().getSeq());
            case EVENT -> describe(frame.getEvent(), record.setEventId(frame.getEvent().getEventId()), requestedBy);
            case KIND_NOT_SET -> record.setType("empty");
        }
        if (carries(frame, TransientView.getDescriptor())) {
            record.setWithheld(WITHHELD);
        } else if (carries(frame, PresignedPage.getDescriptor())) {
            record.setWithheld(WITHHELD_URL);
        } else {
            record.setContent(Any.pack(frame));
        }
        return record.build();
    }

    /** A record for records that were given up because the log could not be written. */
    static EgressRecord gap(Instant time, String edgeId, String replicaId, long lost) {
        return EgressRecord.newBuilder().setTime(timestamp(time)).setEdgeId(edgeId).setReplicaId(replicaId)
                .setType("audit_gap").setLostRecords(lost).build();
    }

    /** One JSON line, newline included. */
    static String jsonLine(EgressRecord record) {
        try {
            return JSON.print(record) + "\n";
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("EdgeFrame is missing from the audit's type registry", e);
        }
    }

    private static void describe(EdgeEvent event, EgressRecord.Builder record, String requestedBy) {
        switch (event.getKindCase()) {
            case JOB -> record.setType("job_event").setJobId(event.getJob().getJobId());
            case INTERACTIVE_REPLY -> record.setType("interactive_reply")
                    .setRequestId(event.getInteractiveReply().getRequestId()).setRequestedBy(requestedBy);
            case KIND_NOT_SET -> record.setType("event");
        }
    }

    static boolean carriesTransientView(Message message) {
        return carries(message, TransientView.getDescriptor());
    }

    /** Whether a message of type {@code type} is set anywhere inside {@code message}. */
    static boolean carries(Message message, Descriptor type) {
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (field.getKey().getMessageType().equals(type)) {
                return true;
            }
            List<?> values = field.getKey().isRepeated() ? (List<?>) field.getValue() : List.of(field.getValue());
            for (Object value : values) {
                if (carries((Message) value, type)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Timestamp timestamp(Instant time) {
        return Timestamp.newBuilder().setSeconds(time.getEpochSecond()).setNanos(time.getNano()).build();
    }
}
