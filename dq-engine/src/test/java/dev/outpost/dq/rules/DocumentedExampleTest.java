package dev.outpost.dq.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The full example in docs/rule-sets.md is a valid rule set, so the documentation cannot drift from the parser. */
class DocumentedExampleTest {

    @Test
    void theFullExampleOfTheReferenceParses() throws Exception {
        String doc = Files.readString(Path.of("../docs/rule-sets.md"));
        String example = doc.substring(doc.indexOf("## A full example"));
        String yaml = example.substring(example.indexOf("```yaml") + 7, example.indexOf("```", example.indexOf(
                "```yaml") + 7));

        RuleSet rules = RuleSetParser.parse(yaml);

        assertThat(rules.checks()).extracting(Check::type).contains("reference", "schema", "metric", "expression");
        assertThat(rules.policyOf(rules.checks().getLast()).groupBy()).containsExactly("country");
    }
}
