package dev.outpost.planemanager.command;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.outpost.planemanager.launch.RunnerPool;
import dev.outpost.proto.edgelink.v1.Command;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.job.v1.JobRequest;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;

/**
 * Makes a command from control-api durable on the edge. Returning normally means it is on its queue and may be
 * acknowledged; throwing means it is not, and control-api must send it again.
 */
@ApplicationScoped
public class CommandHandler {

    private static final Logger LOG = Logger.getLogger(CommandHandler.class);

    private final QueueClient queues;
    private final RunnerPool runners;

    CommandHandler(QueueClient queues, RunnerPool runners) {
        this.queues = queues;
        this.runners = runners;
    }

    public void handle(Command command) {
        switch (command.getKindCase()) {
            case RUN_JOB -> {
                queues.send(OutpostQueue.JOBS, JobRequest.newBuilder()
                        .setSpec(command.getRunJob().getSpec())
                        .setEnqueuedAtMillis(System.currentTimeMillis())
                        .build());
                runners.jobQueued();
            }
            case INTERACTIVE -> {
                InteractiveRequest request = command.getInteractive();
                queues.send(request.hasReadFailingRows() ? OutpostQueue.RESULTS : OutpostQueue.INTERACTIVE, request);
            }
            // Acknowledged anyway: refusing it would make control-api resend it forever and block the outbox.
            case KIND_NOT_SET -> LOG.errorf("Command %d has a kind this plane-manager does not know; upgrade "
                    + "plane-manager to match control-api", command.getSeq());
        }
    }
}
