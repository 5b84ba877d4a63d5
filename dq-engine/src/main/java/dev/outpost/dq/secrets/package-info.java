/**
 * Secrets resolved on the edge from references: the control side holds {@code env:NAME} or {@code file:/path},
 * the edge reads the value when it needs it, and no message, log line or exception carries the value.
 */
package dev.outpost.dq.secrets;
