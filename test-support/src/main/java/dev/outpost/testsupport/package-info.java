/**
 * Quarkus test resources that start the compute plane's cloud dependencies in the test JVM, from
 * {@code outpost-local-cloud}: {@link dev.outpost.testsupport.PostgresTestResource},
 * {@link dev.outpost.testsupport.SqsTestResource} and {@link dev.outpost.testsupport.S3TestResource}.
 *
 * <p>Each returns the Quarkus configuration that points the application at its server, and injects the server (and a
 * ready AWS client, where there is one) into test fields marked {@link dev.outpost.testsupport.InjectLocalCloud}, so
 * a test can put objects or messages in place directly:
 *
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(SqsTestResource.class)
 * class JobDispatchTest {
 *     @InjectLocalCloud
 *     SqsClient sqs;
 * }
 * }</pre>
 *
 * <p>Quarkus starts the application, and these servers, once for all test classes of a module that declare the same
 * set of resources; declare them the same way in every class of a module to start them only once.
 */
package dev.outpost.testsupport;
