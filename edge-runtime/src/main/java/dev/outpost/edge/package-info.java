/**
 * What every compute-plane service (plane-manager, job-runner, metadata-browser, results-reader) shares: the queue
 * client for the deployment's queues, the customer's key provider, and the encrypted results store in the
 * customer's bucket. A CDI bean archive: services get these beans by depending on the module.
 */
package dev.outpost.edge;
