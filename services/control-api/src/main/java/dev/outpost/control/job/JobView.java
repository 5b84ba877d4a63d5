package dev.outpost.control.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A job as the REST API shows it.
 *
 * @param id              its id
 * @param dataSourceId    the data source it checks
 * @param ruleSetId       the rule set it applies
 * @param ruleSetVersion  the version of the rule set it ran with (rule sets can be replaced later)
 * @param ruleSetYaml     that version's YAML, as the job ran it
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
public record JobView(String id, String dataSourceId, String ruleSetId, int ruleSetVersion, String ruleSetYaml,
        String edgeId, String state, double progress, String progressMessage, Failure failure, Result result,
        Instant submittedAt, Instant startedAt, Instant finishedAt) {

    /** @param code a stable code; @param reason what went wrong and what to do */
    public record Failure(String code, String reason) {
    }

    /**
     * @param rowsScanned    rows in the data set
     * @param score          mean score of all checks, 0.0 … 1.0
     * @param dimensions     mean score per DQ dimension
     * @param checks         per-check aggregates, in rule-set order
     * @param durationMillis how long the runner took
     * @param checksFailed   checks that did not pass and have severity fail
     * @param checksWarned   checks that did not pass and only warn
     */
    public record Result(long rowsScanned, double score, Map<String, Double> dimensions, List<CheckView> checks,
            long durationMillis, int checksFailed, int checksWarned) {
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
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckView(String name, String type, String dimension, long rowsChecked, long rowsFailed,
            boolean passed, double score, long samplesStored, String severity, boolean warned, String detail) {
    }

    public boolean finished() {
        return "succeeded".equals(state) || "failed".equals(state);
    }
}
