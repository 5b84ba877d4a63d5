package dev.outpost.control.ruleset;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A rule set as the REST API shows it.
 *
 * @param id         its id
 * @param name       its unique name
 * @param yaml       the YAML document as submitted
 * @param checkNames its checks' names, in order
 * @param version    1 at creation, one more with each replacement that changed the YAML
 * @param createdAt  when it was stored
 * @param updatedAt  when the YAML was last replaced (absent if never)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleSetView(String id, String name, String yaml, List<String> checkNames, int version,
        Instant createdAt, Instant updatedAt) {
}
