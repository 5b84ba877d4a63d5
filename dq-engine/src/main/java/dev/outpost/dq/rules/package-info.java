/**
 * Rule sets: the checks to run against a data set, and their YAML form.
 *
 * <h2>YAML format</h2>
 * A rule set is a mapping with one key, {@code checks}, holding a non-empty list of checks:
 *
 * <pre>{@code
 * checks:
 *   - name: id-present          # required, unique in the rule set, [a-z0-9][a-z0-9_-]{0,62}
 *     type: not_null            # required, one of the types below
 *     column: id
 *     dimension: completeness   # optional, overrides the type's default dimension
 *   - name: id-unique
 *     type: unique
 *     columns: [id]             # one or more columns; duplicates are counted over the combination
 *   - name: email-format
 *     type: regex
 *     column: email
 *     pattern: '^[^@ ]+@[^@ ]+\.[a-z]{2,}$'
 *   - name: age-range
 *     type: between
 *     column: age
 *     min: 0                    # at least one of min and max; numbers; both bounds inclusive
 *     max: 120
 *   - name: country-known
 *     type: allowed_values
 *     column: country
 *     values: [DE, FR, US]      # non-empty list of scalars, compared as text
 *   - name: enough-rows
 *     type: row_count
 *     min: 100                  # at least one of min and max; non-negative whole numbers
 *     max: 1000000
 * }</pre>
 *
 * <p>Every check has {@code name}, {@code type} and optionally {@code dimension} (one of {@code completeness},
 * {@code validity}, {@code uniqueness}, {@code timeliness}, {@code consistency}, {@code accuracy}); the other keys
 * depend on the type:
 *
 * <table>
 *   <caption>Check types</caption>
 *   <tr><th>type</th><th>keys</th><th>a row fails when</th><th>default dimension</th></tr>
 *   <tr><td>{@code not_null}</td><td>{@code column}</td><td>the value is null</td><td>completeness</td></tr>
 *   <tr><td>{@code unique}</td><td>{@code columns}</td><td>its combination of values occurs more than once; rows
 *       with a null in any of the columns never count as duplicates</td><td>uniqueness</td></tr>
 *   <tr><td>{@code regex}</td><td>{@code column}, {@code pattern}</td><td>the value, as text, does not match the
 *       whole pattern; null values pass</td><td>validity</td></tr>
 *   <tr><td>{@code between}</td><td>{@code column}, {@code min} and/or {@code max}</td><td>the value is not a number
 *       or lies outside the inclusive bounds; null values pass</td><td>validity</td></tr>
 *   <tr><td>{@code allowed_values}</td><td>{@code column}, {@code values}</td><td>the value, as text, is not one of
 *       the listed values; null values pass</td><td>validity</td></tr>
 *   <tr><td>{@code row_count}</td><td>{@code min} and/or {@code max}</td><td>(not row-level) the data set's row
 *       count lies outside the inclusive bounds</td><td>completeness</td></tr>
 *   <tr><td>{@code length}</td><td>{@code column}, {@code min} and/or {@code max}</td><td>the value's text has fewer
 *       or more characters than the bounds; null values pass</td><td>validity</td></tr>
 *   <tr><td>{@code format}</td><td>{@code column}, {@code format}</td><td>the value's text is not in the
 *       {@linkplain dev.outpost.dq.rules.NamedFormat named format}; null values pass</td><td>validity</td></tr>
 *   <tr><td>{@code expression}</td><td>{@code condition}</td><td>the {@linkplain
 *       dev.outpost.dq.rules.RowExpressionParser condition} is false; null (unknown) passes</td><td>validity</td></tr>
 *   <tr><td>{@code freshness}</td><td>{@code column}, {@code max_age}</td><td>(not row-level) the newest timestamp
 *       is older than {@code max_age} at scan time</td><td>timeliness</td></tr>
 *   <tr><td>{@code metric}</td><td>{@code column}, {@code metric}, [{@code percentile}], {@code must_be_between}
 *       or {@code must_be_at_least}/{@code must_be_at_most}</td><td>(not row-level) the metric lies outside the
 *       bounds</td><td>accuracy</td></tr>
 *   <tr><td>{@code schema}</td><td>{@code required_columns}, {@code column_types}</td><td>(not row-level, no scan) a
 *       column is missing or has another type</td><td>consistency</td></tr>
 *   <tr><td>{@code reference}</td><td>{@code column}, {@code reference: {source, column}}</td><td>the value, as text,
 *       is not null and not among the values of the named reference source's column</td><td>consistency</td></tr>
 * </table>
 *
 * <p>Every check may also have {@code severity} ({@code warn} or {@code fail}, the default), a {@code filter} (a
 * condition limiting the rows it looks at; not on {@code schema}) and, on row-level checks, a threshold:
 * {@code max_failed} (rows) or {@code max_failed_percent} (of the rows checked), and a {@code group_by} list of
 * columns (not on {@code schema}; with {@code max_groups}, the most failing groups reported) to judge each group of
 * rows on its own. These are kept as the check's
 * {@link dev.outpost.dq.rules.CheckPolicy}. {@code docs/rule-sets.md} is the user-facing reference.
 *
 * <p>Patterns are regular expressions that must compile as {@link java.util.regex.Pattern}s and stay within the
 * syntax the SQL engines share: no lookahead or lookbehind, backreferences, atomic groups or possessive quantifiers.
 * Write them in single quotes so YAML keeps backslashes as they are. Values in {@code values} are taken exactly as
 * written ({@code 01} stays {@code 01}, {@code no} stays {@code no}).
 *
 * <h2>Validation</h2>
 * {@link dev.outpost.dq.rules.RuleSetParser#parse(String)} reports every problem at once, each with the line and
 * column of the offending YAML node and a path such as {@code checks[2].pattern} (list indexes count from 0): YAML
 * syntax errors, an empty document, missing or unknown keys (with a suggestion for near misses), values of the wrong
 * kind, invalid or duplicate names, unknown types or dimensions, patterns that do not compile, and {@code min}
 * greater than {@code max}.
 */
package dev.outpost.dq.rules;
