package dev.outpost.control.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import dev.outpost.control.edge.EdgeVersionPolicy.Release;
import dev.outpost.control.edge.EdgeVersionPolicy.Version;

/**
 * Outpost's released versions with their release dates, read from {@value #RESOURCE} (one {@code <version> <date>} per
 * line, {@code #} comments). Each release appends its line (see docs/configuration.md, "Edge versions").
 */
public final class ReleaseCatalogue {

    /** The catalogue's class-path resource. */
    public static final String RESOURCE = "outpost-releases.txt";

    private ReleaseCatalogue() {
    }

    /** The releases in control-api's own catalogue. */
    public static List<Release> load() {
        try (InputStream in = ReleaseCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from control-api's class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }

    /** Parses catalogue text; a bad line fails with its number and what to write instead. */
    static List<Release> parse(String text) {
        List<Release> releases = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            String where = RESOURCE + " line " + (i + 1) + " ('" + line + "')";
            if (fields.length != 2) {
                throw new IllegalStateException(where + ": expected '<version> <release date>', e.g. '0.2.0 2027-01-31'");
            }
            Version version = Version.parse(fields[0]).orElseThrow(() -> new IllegalStateException(
                    where + ": '" + fields[0] + "' is not a MAJOR.MINOR.PATCH version"));
            try {
                releases.add(new Release(version, LocalDate.parse(fields[1])));
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(where + ": '" + fields[1] + "' is not a date (YYYY-MM-DD)", e);
            }
        }
        if (releases.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " lists no release: add '<version> <release date>' lines");
        }
        return List.copyOf(releases);
    }
}
