/**
 * Outpost's data-quality engine: a plain library that the job-runner calls to check a data set against a rule set.
 *
 * <ul>
 *   <li>{@link dev.outpost.dq.rules} — the rule-set model and its YAML parser, which reports every problem with
 *       line and column;</li>
 *   <li>{@link dev.outpost.dq.sql} — compilation of a rule set into one SQL aggregate scan, behind a
 *       {@link dev.outpost.dq.sql.SqlDialect} seam;</li>
 *   <li>{@link dev.outpost.dq.scan} — evaluation on embedded DuckDB locked down to the job's workspace, with scores
 *       per check, per dimension and overall, and capped samples of failing rows.</li>
 * </ul>
 *
 * <p>Every failure a user can cause surfaces as a {@link dev.outpost.dq.DataQualityException}, whose message is meant
 * for that user and never contains values from the data.
 */
package dev.outpost.dq;
