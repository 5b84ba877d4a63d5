/**
 * Real cloud servers that run inside one JVM: SQS ({@link dev.outpost.localcloud.LocalSqs}, ElasticMQ), S3
 * ({@link dev.outpost.localcloud.LocalS3}, S3Proxy) and PostgreSQL ({@link dev.outpost.localcloud.LocalPostgres},
 * embedded binaries). They back the embedded default mode ({@code ./outpost demo}) and the tests, so both exercise the
 * same wire protocols and clients as a deployment in AWS, without Docker.
 *
 * <p>Every server binds to the loopback interface only, is started by a static {@code start} method, logs one line
 * with its address, and is stopped, with whatever it created on disk for itself, by {@code close()}.
 */
package dev.outpost.localcloud;
