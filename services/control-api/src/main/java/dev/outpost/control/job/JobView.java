package dev.outpost.control.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A job as the REST API shows it.
 *
 * @param id              its id
 * @param kind            {@code check} (applies a rule set) or {@code profile} (column counts; no rule set)
 * @param dataSourceId    the data source it reads
 * @param ruleSetId       the rule set it applies (check jobs only)
 * @param ruleSetVersion  the version of the rule set it ran with (rule sets can be replaced later)
 * @param ruleSetYaml     that version's YAML, as the job ran it
 * @param references      the data sources its {@code reference} checks read: the rule set's source name → the data
 *                        source's id, as resolved at submission (absent when there are none)
 * @param edgeId          the edge that runs it
 * @param state           {@code queued}, {@code running}, {@code succeeded} or {@code failed}
 * @param progress        0.0 … 1.0
 * @param progressMessage the latest progress line
 * @param failure         why it failed (failed jobs only)
 * @param result          its aggregates (succeeded jobs only)
 * @param submittedAt     when it was submitted
 * @param startedAt       when a runner took it
 * @param finishedAt      when it reached a terminal state
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(String id, String kind, String dataSourceId, String ruleSetId, Integer ruleSetVersion,
        String ruleSetYaml, Map<String, String> references, String edgeId, String state, double progress,
        String progressMessage, Failure failure, Result result,
        Instant submittedAt, Instant startedAt, Instant finishedAt) {

    /** @param code a stable code; @param reason what went wrong and what to do */
    public record Failure(String code, String reason) {
    }

    /**
     * A job's outcome; the check fields belong to check jobs and are absent for other kinds (a profile has no score).
     *
     * @param rowsScanned    rows in the data set
     * @param score          check jobs: mean score of all checks, 0.0 … 1.0
     * @param dimensions     check jobs: mean score per DQ dimension
     * @param checks         check jobs: per-check aggregates, in rule-set order
     * @param durationMillis how long the runner took
     * @param checksFailed   check jobs: checks that did not pass and have severity fail
     * @param checksWarned   check jobs: checks that did not pass and only warn
     * @param profile        profile jobs: each column's name, type and counts, in column order (never values)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(long rowsScanned, Double score, Map<String, Double> dimensions, List<CheckView> checks,
            long durationMillis, Integer checksFailed, Integer checksWarned, List<ColumnCountsView> profile) {
    }

    /**
     * The value-free profile of one column; min, max, quantiles and top values are stored encrypted in the customer's
     * results bucket.
     *
     * @param name     the column
     * @param type     the engine's type name
     * @param nulls    rows holding null
     * @param distinct distinct non-null values (approximate on files, exact on PostgreSQL)
     */
    public record ColumnCountsView(String name, String type, long nulls, long distinct) {
    }

    /**
     * A {@code group_by} check's groups (their keys are data values: stored encrypted in the customer's bucket).
     *
     * @param total  how many groups there are
     * @param failed how many did not pass
     */
    public record CheckGroups(long total, long failed) {
    }

    /**
     * @param name          the check's name
     * @param type          its type, e.g. {@code not_null}
     * @param dimension     its DQ dimension
     * @param rowsChecked   rows it looked at
     * @param rowsFailed    rows that broke it
     * @param passed        whether it passed
     * @param score         share of rows that passed
     * @param samplesStored failing rows stored, encrypted, in the customer's results bucket
     * @param severity      {@code fail} or {@code warn}
     * @param warned        true when it did not pass and only warns
     * @param detail        why a check on the whole data set did not pass (names, types, bounds; never data values)
     * @param groups        for a {@code group_by} check: how many groups, how many failed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckView(String name, String type, String dimension, long rowsChecked, long rowsFailed,
            boolean passed, double score, long samplesStored, String severity, boolean warned, String detail,
            CheckGroups groups) {
    }

    public boolean finished() {
        return "succeeded".equals(state) || "failed".equals(state);
    }
}
