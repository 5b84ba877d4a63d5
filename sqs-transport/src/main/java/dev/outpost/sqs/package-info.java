/**
 * The compute plane's SQS queues as Outpost uses them: the fixed set of queues and their dead-letter queues
 * ({@link dev.outpost.sqs.OutpostQueue}, {@link dev.outpost.sqs.QueueTopology}), protobuf message bodies
 * ({@link dev.outpost.sqs.QueueClient}), and the at-least-once consumption pattern: long poll, keep the message
 * invisible while working ({@link dev.outpost.sqs.VisibilityKeeper}), delete only after the outcome is durable
 * ({@link dev.outpost.sqs.QueuePoller}).
 *
 * <p>Works against AWS SQS and any SQS-compatible server (ElasticMQ in the embedded mode and in tests).
 */
package dev.outpost.sqs;
