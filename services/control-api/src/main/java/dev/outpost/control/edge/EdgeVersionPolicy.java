package dev.outpost.control.edge;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The support policy for edge (plane-manager) versions, judged against the release catalogue:
 * <ul>
 * <li>{@code supported}: the newest release, or newer than every release (a development build);</li>
 * <li>{@code outdated}: a newer release exists, and the support window since the first newer release is not over;</li>
 * <li>{@code unsupported}: that window is over, or the reported version is not a version at all;</li>
 * <li>{@code unknown}: the edge never reported a version.</li>
 * </ul>
 * A build with a qualifier ({@code 0.2.0-SNAPSHOT}, {@code 0.2.0-rc.1}) is judged as its release: the policy is about
 * which release line an edge runs, not about how it was built. Version skew is flagged when the edge's MAJOR.MINOR
 * differs from control-api's: patch releases are compatible by definition, anything else deserves a look.
 */
public final class EdgeVersionPolicy {

    /** The policy's verdicts, as the REST API spells them ({@link #label()}). */
    public enum Status {
        UNKNOWN, SUPPORTED, OUTDATED, UNSUPPORTED;

        /** Lower-case name, as shown in REST. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One entry of the release catalogue. */
    public record Release(Version version, LocalDate date) {
    }

    /**
     * A version as MAJOR.MINOR.PATCH with an optional qualifier, compared on the three numbers only.
     *
     * @param text the version as written
     */
    public record Version(int major, int minor, int patch, String text) implements Comparable<Version> {

        private static final Pattern SHAPE = Pattern.compile("v?(\\d{1,9})\\.(\\d{1,9})\\.(\\d{1,9})([-+.][0-9A-Za-z.+-]*)?");
        private static final Comparator<Version> ORDER = Comparator.comparingInt(Version::major)
                .thenComparingInt(Version::minor).thenComparingInt(Version::patch);

        /** The version in {@code text}, if it is one. */
        public static Optional<Version> parse(String text) {
            Matcher matcher = text == null ? null : SHAPE.matcher(text.strip());
            if (matcher == null || !matcher.matches()) {
                return Optional.empty();
            }
            return Optional.of(new Version(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)), text.strip()));
        }

        boolean sameLine(Version other) {
            return major == other.major && minor == other.minor;
        }

        @Override
        public int compareTo(Version other) {
            return ORDER.compare(this, other);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * The verdict on one edge version.
     *
     * @param supportedUntil for {@link Status#OUTDATED}, the end of the support window; null otherwise
     * @param versionSkew    whether the edge's MAJOR.MINOR differs from control-api's (or cannot be read)
     */
    public record Verdict(Status status, String detail, Release latest, Instant supportedUntil, boolean versionSkew) {
    }

    private final List<Release> releases;
    private final Optional<Version> controlVersion;
    private final String controlVersionText;
    private final Duration supportWindow;

    /**
     * @param releases       the catalogue; at least one release
     * @param controlVersion control-api's own version
     * @param supportWindow  how long a version stays supported after a newer release came out
     */
    public EdgeVersionPolicy(List<Release> releases, String controlVersion, Duration supportWindow) {
        if (releases.isEmpty()) {
            throw new IllegalArgumentException("the release catalogue lists no release");
        }
        this.releases = releases.stream().sorted(Comparator.comparing(Release::version)).toList();
        this.controlVersion = Version.parse(controlVersion);
        this.controlVersionText = controlVersion;
        this.supportWindow = supportWindow;
    }

    /** The newest release in the catalogue. */
    public Release latest() {
        return releases.getLast();
    }

    /** control-api's own version, as configured. */
    public String controlVersion() {
        return controlVersionText;
    }

    /** Judges the version an edge reported ({@code null} or blank: never reported) at {@code now}. */
    public Verdict judge(String reported, Instant now) {
        Release latest = latest();
        if (reported == null || reported.isBlank()) {
            return new Verdict(Status.UNKNOWN, "The edge has not reported its version yet: it has never linked.",
                    latest, null, false);
        }
        Optional<Version> parsed = Version.parse(reported);
        if (parsed.isEmpty()) {
            return new Verdict(Status.UNSUPPORTED, "'" + reported + "' is not a release version (MAJOR.MINOR.PATCH): "
                    + "install a released plane-manager, " + latest.version() + " or newer.", latest, null, true);
        }
        Version version = parsed.get();
        boolean skew = controlVersion.map(control -> !control.sameLine(version)).orElse(false);
        Optional<Release> successor = releases.stream().filter(r -> r.version().compareTo(version) > 0).findFirst();
        if (successor.isEmpty()) {
            String why = version.compareTo(latest.version()) == 0 ? " is the newest release."
                    : " is newer than every release control-api knows (" + latest.version() + "): a development build.";
            return new Verdict(Status.SUPPORTED, version + why, latest, null, skew);
        }
        Instant until = successor.get().date().atStartOfDay(ZoneOffset.UTC).toInstant().plus(supportWindow);
        String since = successor.get().version() + " came out on " + successor.get().date();
        if (now.isBefore(until)) {
            return new Verdict(Status.OUTDATED, version + " is outdated: " + since + " and " + latest.version()
                    + " is the newest release. " + version + " is supported until " + until + "; upgrade the edge "
                    + "before then.", latest, until, skew);
        }
        return new Verdict(Status.UNSUPPORTED, version + " is no longer supported: " + since + ", and support ended "
                + supportWindow.toDays() + " days later, on " + until + ". Upgrade the edge to " + latest.version()
                + ".", latest, null, skew);
    }
}
