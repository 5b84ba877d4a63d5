package dev.outpost.control.ruleset;

import java.time.Instant;
import java.util.List;

/**
 * A rule set as the REST API shows it.
 *
 * @param id         its id
 * @param name       its unique name
 * @param yaml       the YAML document as submitted
 * @param checkNames its checks' names, in order
 * @param createdAt  when it was stored
 */
public record RuleSetView(String id, String name, String yaml, List<String> checkNames, Instant createdAt) {
}
