package dev.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.outpost.embedded.ControlApiClient;
import dev.outpost.embedded.DemoDataset;
import dev.outpost.embedded.Mesh;
import dev.outpost.embedded.Poll;
import dev.outpost.sqs.OutpostQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A job whose message lands on the jobs queue's dead-letter queue (its runners died three times: out of memory, a
 * node lost) still ends: the person who submitted it learns that it failed and what to do, instead of seeing it
 * queued forever. The leading plane-manager reads the dead-letter queue every
 * {@code outpost.dead-letters.check-interval} (30 s) and fails the job with {@code JOB_DEAD_LETTERED}.
 *
 * <p>The test takes the job's message off the jobs queue before a runner does and moves it to the dead-letter queue,
 * as SQS does after the third failed receive, then waits for the job to end. It runs after {@link LinkFaultsIT},
 * whose last check is that no job of the control plane is left open.
 */
@Order(3)
@ExtendWith(SharedMesh.class)
class DeadLetteredJobIT {

    private static final Duration TAKE_TIMEOUT = Duration.ofMinutes(2);
    /** plane-manager's dead-letter check interval (30 s by default), plus forwarding and a margin for 2 cores. */
    private static final Duration END_TIMEOUT = Duration.ofSeconds(90);

    @Test
    void aJobWhoseMessageWasDeadLetteredEndsAsFailed(Mesh mesh) {
        ControlApiClient api = mesh.api();
        mesh.upload(Mesh.DATA_BUCKET, "dead-letters/customers/" + DemoDataset.FILE_NAME, DemoDataset.data());
        String dataSourceId = api.createDataSource("dead-letter-customers", mesh.edgeId(), Mesh.DATA_BUCKET,
                "dead-letters/customers/", "csv").path("id").asText();
        String ruleSetId = api.createRuleSet("dead-letter-rules", DemoDataset.rulesYaml()).path("id").asText();

        try (SqsClient sqs = mesh.newSqsClient()) {
            String jobs = sqs.getQueueUrl(b -> b.queueName(OutpostQueue.JOBS.queueName(Mesh.QUEUE_PREFIX)))
                    .queueUrl();
            String deadLetters = sqs.getQueueUrl(b -> b.queueName(OutpostQueue.JOBS.deadLetterQueueName(
                    Mesh.QUEUE_PREFIX))).queueUrl();
            String jobId = api.submitJob(dataSourceId, ruleSetId, null).path("id").asText();
            // A runner needs seconds to start its JVM; this long poll is waiting already when the message arrives.
            Message message = Poll.until("job " + jobId + " on the jobs queue", TAKE_TIMEOUT, Duration.ofMillis(1),
                    () -> sqs.receiveMessage(b -> b.queueUrl(jobs).maxNumberOfMessages(1).waitTimeSeconds(5)
                            .visibilityTimeout(600)).messages().stream().findFirst(), mesh::requireHealthy);
            assertThat(message.body()).as("the message taken before any runner").contains(jobId);

            sqs.sendMessage(b -> b.queueUrl(deadLetters).messageBody(message.body()));
            sqs.deleteMessage(b -> b.queueUrl(jobs).receiptHandle(message.receiptHandle()));

            JsonNode ended = Poll.until("job " + jobId + " to end after its message was dead-lettered",
                    END_TIMEOUT, Duration.ofSeconds(1), () -> {
                        JsonNode job = api.job(jobId);
                        return List.of("succeeded", "failed").contains(job.path("state").asText())
                                ? Optional.of(job) : Optional.empty();
                    }, mesh::requireHealthy);
            assertThat(ended.path("state").asText()).as("job %s", ended).isEqualTo("failed");
            assertThat(ended.path("failure").path("code").asText()).as("job %s", ended)
                    .isEqualTo("JOB_DEAD_LETTERED");
            assertThat(ended.path("failure").path("reason").asText()).as("why it failed and what to do")
                    .contains("3 times", "job-runner logs", "memory");
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(deadLetters).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes().values())
                    .as("the dead letter deleted once its job had failed").containsOnly("0");
        }
    }
}
