package dev.outpost.dq.scan;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The resources an embedded DuckDB may use, set before its configuration is locked. Unset values keep DuckDB's
 * defaults: 80 % of the machine's memory and one thread per core, which in a container means the node's, not the
 * pod's limits, hence these settings. DuckDB's configuration lock covers the memory limit but not the thread count;
 * nothing the engine runs sets either (rule-set expressions cannot), so both hold for the workspace's life.
 *
 * @param memoryLimit the most memory DuckDB uses before it spills to the workspace, in DuckDB's notation: a number
 *     and a unit ({@code 512MB}, {@code 2GiB}) or a share of the machine's memory ({@code 50%})
 * @param threads how many threads a query uses, at least 1
 */
public record DuckDbLimits(Optional<String> memoryLimit, OptionalInt threads) {

    /** DuckDB's defaults. */
    public static final DuckDbLimits DEFAULT = new DuckDbLimits(Optional.empty(), OptionalInt.empty());

    private static final Pattern MEMORY = Pattern.compile(
            "[0-9]+(\\.[0-9]+)? ?(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB|%)", Pattern.CASE_INSENSITIVE);

    public DuckDbLimits {
        Objects.requireNonNull(memoryLimit, "memoryLimit");
        Objects.requireNonNull(threads, "threads");
        memoryLimit.ifPresent(limit -> {
            if (!MEMORY.matcher(limit).matches()) {
                throw new IllegalArgumentException("DuckDB memory limit '" + limit + "' is not a size: write a number"
                        + " and a unit (512MB, 2GiB) or a share of the machine's memory (50%)");
            }
        });
        threads.ifPresent(count -> {
            if (count < 1) {
                throw new IllegalArgumentException("DuckDB threads must be at least 1, was " + count);
            }
        });
    }
}
