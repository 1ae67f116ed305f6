package dev.netloom.graph.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.SearchSection;
import dev.netloom.graph.search.Range;
import dev.netloom.graph.search.SearchSpace;
import dev.netloom.graph.search.SearchTarget;
import org.junit.jupiter.api.Test;

import java.util.List;

/** A use's depth, block and block parameters as searchable parameters, checked when the file is read. */
class BlockSearchTest {

    /** TWO_USES with a second block that fits b's place ("thin": same ports, has act and width) and one that does not. */
    static String withSearch(String parameters) {
        String thin = BlockExpansionTest.RES.replace("\"res\":", "\"thin\":").replace("\"kernel\": 3, \"padding\": 1",
                "\"kernel\": 1, \"padding\": 0");
        String other = """
                "pool": { "inputs": { "in": "p.in" }, "outputs": { "result": "p.out" },
                          "nodes": [ { "id": "p", "type": "MaxPool2d" } ] }""";
        return BlockExpansionTest.TWO_USES.replace("\"blocks\": {", "\"blocks\": { " + thin + ", " + other + ",")
                .replaceFirst("\\n\\s*}\\s*$", ", \"search\": { \"parameters\": [ " + parameters + " ] } }\n");
    }

    static SearchSpace space(String parameters) throws Exception {
        Project p = BlockExpansionTest.FILES.parse(withSearch(parameters), "s.netloom");
        return SearchSection.of(p, BlockExpansionTest.CATALOG);
    }

    @Test
    void repeatBlockAndBlockParametersCanBeSearched() throws Exception {
        SearchSpace s = space("""
                { "target": "node:a.repeat", "kind": "int", "low": 0, "high": 4 },
                { "target": "node:b.block", "kind": "choices", "choices": ["res", "thin"] },
                { "target": "node:b.width", "kind": "choices", "choices": [8] },
                { "target": "node:a.act", "kind": "choices", "choices": ["ReLU", "GELU"] }""");
        assertThat(s.parameters()).extracting(p -> p.target().text())
                .containsExactly("node:a.repeat", "node:b.block", "node:b.width", "node:a.act");
        assertThat(s.parameters().get(1).range()).isEqualTo(new Range.Choices(List.of("res", "thin")));
    }

    @Test
    void aBlockThatDoesNotFitThePlaceIsRefused() {
        assertThatThrownBy(() -> space("{ \"target\": \"node:b.block\", \"kind\": \"choices\", \"choices\": [\"res\", \"pool\"] }"))
                .hasMessageContaining("search.parameters[0].choices[1]").hasMessageContaining("\"pool\" is not allowed for block");
    }

    @Test
    void repeatOutsideZeroToSixtyFourAndUnknownParametersAreRefused() {
        assertThatThrownBy(() -> space("{ \"target\": \"node:a.repeat\", \"kind\": \"int\", \"low\": 1, \"high\": 65 }"))
                .hasMessageContaining("search.parameters[0].high: 65 is above repeat's maximum 64");
        assertThatThrownBy(() -> space("{ \"target\": \"node:a.depth\", \"kind\": \"int\", \"low\": 1, \"high\": 2 }"))
                .hasMessageContaining("use a (block res) has no parameter \"depth\"; it has block, repeat, act, width");
    }

    @Test
    void flatteningDropsTheUsesSearchEntriesAndKeepsTheOthers() throws Exception {
        String text = withSearch("""
                { "target": "node:a.repeat", "kind": "int", "low": 0, "high": 4 },
                { "target": "node:stem.filters", "kind": "int", "low": 4, "high": 16 }""");
        Project p = BlockExpansionTest.FILES.parse(text, "s.netloom");
        Project flat = dev.netloom.graph.project.BlockSection.flatten(p, BlockExpansionTest.CATALOG);
        assertThat(SearchSection.of(flat, BlockExpansionTest.CATALOG).parameters()).extracting(x -> x.target())
                .containsExactly(SearchTarget.node("stem", "filters"));
    }
}
