package dev.outpost.control.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import dev.outpost.control.datasource.DataSource;
import dev.outpost.control.datasource.DataSourceService;
import dev.outpost.control.error.InvalidInputException;
import dev.outpost.control.ruleset.RuleSetEntity;
import dev.outpost.dq.rules.ReferenceCheck;
import dev.outpost.dq.rules.RuleSetInvalidException;
import dev.outpost.dq.rules.RuleSetParser;

/**
 * Resolves the data sources a check job's {@code reference} checks read: the {@code source} a check names is the data
 * source of that name in the job's organisation on the job's edge (the edge that reads the checked data must read the
 * reference too). A job on a table reads its references in the same database, so they must be tables there; a job
 * on files reads them into its DuckDB workspace, so they must be files.
 */
final class JobReferences {

    private JobReferences() {
    }

    /**
     * The reference data sources of {@code rules} applied to {@code source}, by the name the rule set gives them,
     * each held with a read lock (a deletion waits for the job's submission), or a 400 naming the check, the source
     * and what to do.
     */
    static Map<String, DataSource> resolve(DataSource source, RuleSetEntity rules) {
        List<ReferenceCheck> checks = referenceChecks(rules);
        Map<String, DataSource> resolved = new LinkedHashMap<>();
        if (checks.isEmpty()) {
            return resolved;
        }
        for (ReferenceCheck check : checks) {
            if (resolved.containsKey(check.source())) {
                continue;
            }
            DataSource reference = DataSourceService.named(source.organisationId, check.source());
            if (reference == null || !reference.edgeId.equals(source.edgeId)) {
                List<String> onEdge = DataSourceService.onEdge(source.organisationId, source.edgeId).stream()
                        .map(s -> s.name).toList();
                throw new InvalidInputException("check '" + check.name() + "' of rule set '" + rules.name
                        + "' reads data source '" + check.source() + "', "
                        + (reference == null ? "but no data source has that name"
                                : "but that data source is read by another edge (" + reference.edgeId
                                        + "), and a job reads its references on its own edge (" + source.edgeId + ")")
                        + ". Data sources on the job's edge: " + String.join(", ", onEdge) + ". Register '"
                        + check.source() + "' on the job's edge, or change the check's source to one of these names");
            }
            requireReadableBeside(source, check, reference);
            resolved.put(check.source(),
                    DataSourceService.require(source.organisationId, reference.id.toString(),
                            LockModeType.PESSIMISTIC_READ));
        }
        return resolved;
    }

    /** Records which data source each reference name was resolved to, for the job's history. */
    static void record(UUID jobId, Map<String, DataSource> references) {
        references.forEach((name, source) -> {
            JobReference row = new JobReference();
            row.jobId = jobId;
            row.name = name;
            row.dataSourceId = source.id;
            row.persist();
        });
    }

    private static void requireReadableBeside(DataSource source, ReferenceCheck check, DataSource reference) {
        String refused = null;
        if (source.isTable() && !reference.isTable()) {
            refused = "is files in S3, and a check on a PostgreSQL table runs in that database: its references must"
                    + " be tables in the same database (" + source.jdbcUrl + ")";
        } else if (source.isTable() && !reference.jdbcUrl.equals(source.jdbcUrl)) {
            refused = "is a table in another database (" + reference.jdbcUrl + "), and a check on a PostgreSQL"
                    + " table runs in its own database (" + source.jdbcUrl + "): its references must be tables there";
        } else if (!source.isTable() && reference.isTable()) {
            refused = "is a PostgreSQL table, and a check on files runs on the edge's copy of the files: its"
                    + " references must be files in S3 too";
        }
        if (refused != null) {
            throw new InvalidInputException("check '" + check.name() + "' reads data source '" + check.source()
                    + "', which " + refused + ". Register the reference data where the checked data is, or change"
                    + " the check's source");
        }
    }

    private static List<ReferenceCheck> referenceChecks(RuleSetEntity rules) {
        try {
            return RuleSetParser.parse(rules.yaml).checks().stream()
                    .filter(ReferenceCheck.class::isInstance).map(ReferenceCheck.class::cast).toList();
        } catch (RuleSetInvalidException e) {
            throw new InvalidInputException("rule set '" + rules.name + "' (version " + rules.version + ") no longer"
                    + " validates: " + e.getMessage() + ". Replace it with a valid version, then submit again");
        }
    }
}
