/**
 * A small certificate authority for Outpost's embedded mode and tests: it creates a CA and TLS server certificates
 * as PEM files, so every network hop can run TLS 1.3 on one machine without any certificate infrastructure. In
 * production, certificates come from the operator's own PKI as files or Kubernetes Secrets.
 */
package dev.outpost.pki;
