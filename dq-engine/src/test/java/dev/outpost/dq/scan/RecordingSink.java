package dev.outpost.dq.scan;

import dev.outpost.dq.rules.Check;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps the samples it receives, by check name. */
final class RecordingSink implements SampleSink {

    final Map<String, List<List<String>>> rowsByCheck = new LinkedHashMap<>();
    final Map<String, List<String>> columnsByCheck = new LinkedHashMap<>();

    @Override
    public void accept(Check check, List<String> columns, List<List<String>> rows) {
        columnsByCheck.put(check.name(), columns);
        rowsByCheck.put(check.name(), rows);
    }
}
