package dev.outpost.dq.scan;

import java.nio.file.Path;
import java.util.List;

/**
 * A data set whose files have been found inside the workspace.
 *
 * @param files the data set's files with symbolic links resolved, aligned with {@code dataSet.files()}
 * @param relation the FROM-clause item that reads them
 */
record ResolvedDataSet(DataSet dataSet, List<Path> files, String relation) {
}
