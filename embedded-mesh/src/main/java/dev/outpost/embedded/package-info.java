/**
 * The embedded default mode: how people first try Outpost. {@code ./outpost demo} starts a whole Outpost on one
 * machine — control-api on an embedded PostgreSQL, a compute plane (plane-manager with a local process launcher,
 * metadata-browser, results-reader) on ElasticMQ and S3Proxy — and runs a data-quality job on a shipped sample end to
 * end; {@code ./outpost up} starts the same and leaves it running.
 *
 * <p>{@link dev.outpost.embedded.Mesh} owns the servers and the service processes, {@code StateDirectory} the files
 * they keep and the lock and pid file that keep runs apart, {@link dev.outpost.embedded.ControlApiClient} speaks
 * control-api's public REST API, {@link dev.outpost.embedded.DemoDataset} declares the sample's planted defects, and
 * {@link dev.outpost.embedded.OutpostCli} is the command line. The cross-process integration test drives the same
 * classes.
 */
package dev.outpost.embedded;
