package dev.outpost.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.GenericDescriptor;

import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A native image must reach every message and enum a queue body can hold: the registration lists exactly those. */
class QueueMessagesReflectionTest {

    /** The bodies QueueClient prints and parses, one per queue. */
    private static final List<Descriptor> QUEUE_BODIES = List.of(JobRequest.getDescriptor(), JobEvent.getDescriptor(),
            InteractiveRequest.getDescriptor(), InteractiveReply.getDescriptor());

    @Test
    void registrationListsEveryTypeAQueueBodyContains() throws ClassNotFoundException {
        var reachable = new TreeSet<String>();
        var pending = new ArrayDeque<>(QUEUE_BODIES);
        var seen = new HashSet<String>();
        while (!pending.isEmpty()) {
            var message = pending.pop();
            if (!seen.add(message.getFullName())) {
                continue;
            }
            reachable.add(topLevelClass(message));
            for (FieldDescriptor field : message.getFields()) {
                switch (field.getJavaType()) {
                    case MESSAGE -> pending.push(field.getMessageType());
                    case ENUM -> reachable.add(topLevelClass(field.getEnumType()));
                    default -> {
                    }
                }
            }
        }
        for (var name : reachable) {
            Class.forName(name);
        }
        var registered = new TreeSet<String>();
        for (var type : QueueMessagesReflection.class.getAnnotation(RegisterForReflection.class).targets()) {
            registered.add(type.getName());
        }
        assertThat(QueueMessagesReflection.class.getAnnotation(RegisterForReflection.class).ignoreNested()).isFalse();
        assertThat(registered).as("QueueMessagesReflection's targets (add what a new field brings in, drop what is gone)")
                .isEqualTo(reachable);
    }

    /** The Java class generated for a type's outermost message (java_multiple_files), whose nested classes follow. */
    private static String topLevelClass(GenericDescriptor type) {
        var file = type.getFile();
        var relative = type.getFullName().substring(file.getPackage().isEmpty() ? 0 : file.getPackage().length() + 1);
        var outermost = relative.contains(".") ? relative.substring(0, relative.indexOf('.')) : relative;
        assertThat(file.getOptions().getJavaMultipleFiles()).as(file.getName()).isTrue();
        return file.getOptions().getJavaPackage() + "." + outermost;
    }
}
