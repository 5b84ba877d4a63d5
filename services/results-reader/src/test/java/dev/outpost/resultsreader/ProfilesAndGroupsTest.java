package dev.outpost.resultsreader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.outpost.edge.ResultsStore;
import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.interactive.v1.ReadFailingGroupsRequest;
import dev.outpost.proto.interactive.v1.ReadProfileRequest;
import dev.outpost.proto.interactive.v1.Row;
import dev.outpost.proto.results.v1.ColumnValues;
import dev.outpost.proto.results.v1.FailingGroup;
import dev.outpost.proto.results.v1.FailingGroups;
import dev.outpost.proto.results.v1.ProfileValues;
import dev.outpost.proto.results.v1.Quantile;
import dev.outpost.proto.results.v1.ValueCount;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import dev.outpost.testsupport.InteractiveExchange;
import dev.outpost.testsupport.KeyFileTestResource;
import dev.outpost.testsupport.S3TestResource;
import dev.outpost.testsupport.SqsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(SqsTestResource.class)
@WithTestResource(S3TestResource.class)
@WithTestResource(KeyFileTestResource.class)
class ProfilesAndGroupsTest {

    private static final Duration REPLY_DEADLINE = Duration.ofSeconds(20);

    @Inject
    QueueClient queues;

    @Inject
    ResultsStore store;

    @Test
    void showsAStoredProfileAsOneRowPerColumn() {
        String jobId = UUID.randomUUID().toString();
        store.write(ProfileValues.newBuilder().setJobId(jobId).setRows(1000)
                .addColumns(ColumnValues.newBuilder().setName("amount").setType("DOUBLE").setMin("0.5")
                        .setMax("99").setMean(12.25).setStddev(3.0)
                        .addQuantiles(Quantile.newBuilder().setFraction(0.25).setValue(1.5))
                        .addQuantiles(Quantile.newBuilder().setFraction(0.5).setValue(10))
                        .addTopValues(ValueCount.newBuilder().setValue("9.5").setCount(40)))
                .addColumns(ColumnValues.newBuilder().setName("note").setType("VARCHAR")
                        .addTopValues(ValueCount.newBuilder().setValue("say \"hi\"").setCount(2)))
                .build());

        InteractiveReply reply = ask(InteractiveRequest.newBuilder()
                .setReadProfile(ReadProfileRequest.newBuilder().setJobId(jobId)));

        assertThat(reply.getReadProfile().getRows()).isEqualTo(1000);
        assertThat(reply.getReadProfile().getView().getColumnsList()).containsExactlyElementsOf(Profiles.COLUMNS);
        Row amount = reply.getReadProfile().getView().getRows(0);
        assertThat(amount.getValuesList()).startsWith("amount", "DOUBLE", "0.5", "99", "12.25", "3");
        assertThat(amount.getValues(6)).isEqualTo("{\"0.25\":1.5,\"0.5\":10.0}");
        assertThat(amount.getValues(7)).isEqualTo("[{\"value\":\"9.5\",\"count\":40.0}]");
        assertThat(amount.getNullsList()).isEmpty();
        Row note = reply.getReadProfile().getView().getRows(1);
        assertThat(note.getNullsList()).as("no min, max, mean, stddev or quantiles for a column of text")
                .containsExactly(2, 3, 4, 5, 6);
        assertThat(note.getValues(7)).isEqualTo("[{\"value\":\"say \\\"hi\\\"\",\"count\":2.0}]");
    }

    @Test
    void repliesNotFoundWhenNoProfileIsStored() {
        String jobId = UUID.randomUUID().toString();

        InteractiveReply reply = ask(InteractiveRequest.newBuilder()
                .setReadProfile(ReadProfileRequest.newBuilder().setJobId(jobId)));

        assertThat(reply.getError().getCode()).isEqualTo("NOT_FOUND");
        assertThat(reply.getError().getMessage()).contains("No profile is stored for job " + jobId,
                "profiling job");
    }

    @Test
    void pagesAGroupByChecksFailingGroups() {
        String jobId = UUID.randomUUID().toString();
        store.write(FailingGroups.newBuilder().setJobId(jobId).setCheckName("orders-per-region").setGroups(40)
                .addGroupColumns("region").addGroupColumns("year")
                .addFailing(FailingGroup.newBuilder().setKey(Row.newBuilder().addValues("north").addValues("2024"))
                        .setRowsChecked(10).setRowsFailed(10).setObserved(2.5))
                .addFailing(FailingGroup.newBuilder().setKey(Row.newBuilder().addValues("").addNulls(0)
                        .addValues("2025")).setRowsChecked(7).setRowsFailed(3))
                .addFailing(FailingGroup.newBuilder().setKey(Row.newBuilder().addValues("south").addValues("2025"))
                        .setRowsChecked(1).setRowsFailed(1))
                .build());

        InteractiveReply reply = ask(InteractiveRequest.newBuilder().setReadFailingGroups(ReadFailingGroupsRequest
                .newBuilder().setJobId(jobId).setCheckName("orders-per-region").setPage(0).setPageSize(2)));

        assertThat(reply.getReadFailingGroups().getGroups()).isEqualTo(40);
        assertThat(reply.getReadFailingGroups().getTotalFailingGroups()).isEqualTo(3);
        assertThat(reply.getReadFailingGroups().getView().getColumnsList())
                .containsExactly("region", "year", "rows_checked", "rows_failed", "observed");
        assertThat(reply.getReadFailingGroups().getView().getRowsList()).containsExactly(
                Row.newBuilder().addAllValues(List.of("north", "2024", "10", "10", "2.5")).build(),
                Row.newBuilder().addAllValues(List.of("", "2025", "7", "3", "")).addNulls(0).addNulls(4)
                        .build());
    }

    @Test
    void repliesNotFoundWhenNoFailingGroupsAreStored() {
        InteractiveReply reply = ask(InteractiveRequest.newBuilder().setReadFailingGroups(ReadFailingGroupsRequest
                .newBuilder().setJobId(UUID.randomUUID().toString()).setCheckName("rows-per-day").setPageSize(10)));

        assertThat(reply.getError().getCode()).isEqualTo("NOT_FOUND");
        assertThat(reply.getError().getMessage()).contains("'rows-per-day'", "group_by");
    }

    private InteractiveReply ask(InteractiveRequest.Builder request) {
        return InteractiveExchange.ask(queues, OutpostQueue.RESULTS, request, REPLY_DEADLINE);
    }
}
