package dev.outpost.runner;

import java.util.List;
import java.util.Map;

import dev.outpost.dq.DataQualityException;
import dev.outpost.dq.scan.DataSet;
import dev.outpost.dq.scan.DuckDbWorkspace;
import dev.outpost.dq.scan.PostgresPushdown;
import dev.outpost.dq.scan.RuleSetMismatchException;

/**
 * A job's data, opened for its kind to read: files downloaded into the workspace and read by a locked-down DuckDB, or
 * a table in a PostgreSQL session, each with the reference sources the rule set may read. Closing it closes the
 * engine; the workspace's files are the job's to delete.
 */
sealed interface OpenedSource extends AutoCloseable {

    /**
     * Files in the job's workspace.
     *
     * @param dataSet the data, one table over every downloaded object
     * @param downloads the objects behind {@code dataSet}'s files, in the same order
     * @param references the reference data sets, by the source names rule sets use
     * @param referenceDownloads the objects behind the reference data sets' files
     */
    record Files(DuckDbWorkspace duckDb, DataSet dataSet, List<DataDownloader.Download> downloads,
            Map<String, DataSet> references, List<DataDownloader.Download> referenceDownloads)
            implements OpenedSource {

        /** One downloaded object as a data set of its own, read as the whole data set is. */
        DataSet single(DataDownloader.Download download) {
            return new DataSet(dataSet.format(), List.of(download.file()), dataSet.csv());
        }

        /** The engine names workspace files, which mean nothing to the job's submitter: name the objects instead. */
        String named(String message) {
            String named = message;
            for (List<DataDownloader.Download> downloads : List.of(downloads, referenceDownloads)) {
                for (DataDownloader.Download download : downloads) {
                    named = named.replace(download.file().toString(), download.uri());
                }
            }
            return named;
        }

        @Override
        public String describe() {
            return downloads.size() + (downloads.size() == 1 ? " file" : " files");
        }

        @Override
        public void close() {
            duckDb.close();
        }
    }

    /**
     * A PostgreSQL table (or, for a metadata import, a schema: {@code table}'s name is then empty), read where it is.
     *
     * @param references the reference tables in the same database, by the source names rule sets use
     */
    record Table(PostgresPushdown database, PostgresPushdown.Table table, Map<String, PostgresPushdown.Table> references)
            implements OpenedSource {

        @Override
        public String describe() {
            return "table " + table;
        }

        @Override
        public void close() {
            database.close();
        }
    }

    /** What the data is, in words for progress events: a count of files or a table's name. */
    String describe();

    /**
     * The job failure an engine error means: INVALID_RULES when the rule set does not fit the data, DATABASE_TIMEOUT
     * when a database did not answer in time, DATA_UNREADABLE otherwise, its words naming objects rather than
     * workspace files.
     */
    default JobFailedException failure(DataQualityException error) {
        return failure(error, this instanceof Files files ? files.named(error.getMessage()) : error.getMessage());
    }

    /**
     * The job failure an engine error means, in {@code message}'s words: a database's timeout names the runner's
     * setting that bounds it.
     */
    static JobFailedException failure(DataQualityException error, String message) {
        if (error instanceof PostgresPushdown.TimedOutException timedOut) {
            String setting = switch (timedOut.bound()) {
                case CONNECT -> "outpost.runner.database.connect-timeout";
                case STATEMENT -> "outpost.runner.database.query-timeout";
            };
            return new JobFailedException(JobFailedException.DATABASE_TIMEOUT, message + " Check that the"
                    + " database is reachable from the edge and not overloaded; if it is merely slow, raise the"
                    + " job-runner's " + setting + ".");
        }
        return new JobFailedException(error instanceof RuleSetMismatchException ? JobFailedException.INVALID_RULES
                : JobFailedException.DATA_UNREADABLE, message);
    }

    @Override
    void close();
}
