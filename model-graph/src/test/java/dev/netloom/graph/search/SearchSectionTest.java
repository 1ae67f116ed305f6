package dev.netloom.graph.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.ProjectFormatException;
import dev.netloom.graph.project.SearchSection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The project file's search section: read, checked against the graph, written back with other keys kept. */
class SearchSectionTest {

    private final LayerCatalog catalog = LayerCatalog.standard();
    private final ProjectFile files = new ProjectFile(catalog);

    private Project read(String parameters) throws ProjectFormatException {
        return files.parse(SearchProjects.withParameters(parameters), "s.netloom");
    }

    @Test
    void readsEveryKindOfRange() throws Exception {
        SearchSpace space = SearchSection.of(read(SearchProjects.FOUR), catalog);

        assertThat(space.parameters()).extracting(SearchableParameter::range).containsExactly(
                new Range.IntRange(64, 256, 1, true),
                new Range.FloatRange(0, 0.5, false),
                new Range.Choices(List.of("ReLU", "GELU")),
                new Range.FloatRange(1e-4, 1e-2, true));
        assertThat(space.parameters().get(0).target()).isEqualTo(SearchTarget.node("fc1", "units"));
        assertThat(space.parameters().get(3).target()).isEqualTo(SearchTarget.training("learningRate"));
        assertThat(space.nodeIds()).containsExactly("fc1", "drop", "act");
    }

    @Test
    void writingKeepsObjectivesAndBudgetAndReadsBackEqual() throws Exception {
        Project project = read(SearchProjects.FOUR);
        SearchSpace space = SearchSection.of(project, catalog)
                .without(SearchTarget.node("drop", "rate"))
                .with(new SearchableParameter(SearchTarget.training("batchSize"), new Range.IntRange(16, 128, 16, false)));

        Project written = SearchSection.write(project, space);
        Project again = files.parse(files.toJson(written), "again.netloom");

        assertThat(SearchSection.of(again, catalog)).isEqualTo(space);
        JsonNode section = again.section("search").orElseThrow();
        assertThat(section.get("budget").get("trials").intValue()).isEqualTo(20);
        assertThat(section.get("objectives").get(0).get("metric").textValue()).isEqualTo("accuracy");
        assertThat(files.toJson(again)).isEqualTo(files.toJson(written));
    }

    @Test
    void anEmptySpaceLeavesAProjectWithoutSearchUntouchedAndDropsOnlyTheParameters() throws Exception {
        Project plain = Project.of("plain", read(SearchProjects.FOUR).graph());
        assertThat(SearchSection.write(plain, SearchSpace.EMPTY)).isSameAs(plain);

        Project cleared = SearchSection.write(read(SearchProjects.FOUR), SearchSpace.EMPTY);
        JsonNode section = cleared.section("search").orElseThrow();
        assertThat(section.has("parameters")).isFalse();
        assertThat(section.has("budget")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{ \"target\": \"node:fc1.units\", \"kind\": \"int\", \"low\": 64, \"high\": 100000 }"
                    + "|search.parameters[2].high: 100000 is above units' maximum 65536",
            "{ \"target\": \"node:fc1.units\", \"kind\": \"int\", \"low\": 0, \"high\": 8 }"
                    + "|search.parameters[2].low: 0 is below units' minimum 1",
            "{ \"target\": \"node:fc1.units\", \"kind\": \"int\", \"low\": 64, \"high\": 32 }"
                    + "|search.parameters[2].high: 32 is below low 64",
            "{ \"target\": \"node:fc1.units\", \"kind\": \"int\", \"low\": 64, \"high\": 128, \"step\": 8, \"log\": true }"
                    + "|search.parameters[2].step: a log scale takes step 1, got 8",
            "{ \"target\": \"node:fc1.units\", \"kind\": \"float\", \"low\": 64, \"high\": 128 }"
                    + "|search.parameters[2].kind: units is an integer from 1 to 65536; use \"int\" or \"choices\"",
            "{ \"target\": \"node:drop.rate\", \"kind\": \"float\", \"low\": 0, \"high\": 0.99 }"
                    + "|search.parameters[2].high: 0.99 is above rate's maximum 0.95",
            "{ \"target\": \"node:drop.rate\", \"kind\": \"float\", \"low\": 0, \"high\": 0.5, \"log\": true }"
                    + "|search.parameters[2].low: a log scale needs low above 0, got 0",
            "{ \"target\": \"node:act.function\", \"kind\": \"choices\", \"choices\": [\"ReLU\", \"Swish\"] }"
                    + "|search.parameters[2].choices[1]: \"Swish\" is not allowed for function: it must be one of "
                    + "ReLU, ReLU6, LeakyReLU, GELU, SiLU, Hardswish, Sigmoid, Hardsigmoid, Tanh, Softmax, got \"Swish\"",
            "{ \"target\": \"node:act.function\", \"kind\": \"choices\", \"choices\": [] }"
                    + "|search.parameters[2].choices: needs at least one choice",
            "{ \"target\": \"node:gone.units\", \"kind\": \"int\", \"low\": 1, \"high\": 2 }"
                    + "|search.parameters[2].target: no node \"gone\"",
            "{ \"target\": \"node:fc1.filters\", \"kind\": \"int\", \"low\": 1, \"high\": 2 }"
                    + "|search.parameters[2].target: Dense node fc1 has no parameter \"filters\"",
            "{ \"target\": \"node:image.height\", \"kind\": \"int\", \"low\": 8, \"high\": 16 }"
                    + "|search.parameters[2].target: Image's height comes from the data, so the search does not change it",
            "{ \"target\": \"training.seed\", \"kind\": \"int\", \"low\": 1, \"high\": 2 }"
                    + "|search.parameters[2].target: training setting \"seed\" cannot be searched; these can: optimizer, "
                    + "learningRate, momentum, schedule, warmupEpochs, batchSize, epochs, weightDecay, gradientClip, "
                    + "labelSmoothing",
            "{ \"target\": \"fc1.units\", \"kind\": \"int\", \"low\": 1, \"high\": 2 }"
                    + "|search.parameters[2].target: expected \"node:<nodeId>.<parameter>\" or \"training.<setting>\", "
                    + "got \"fc1.units\"",
            "{ \"target\": \"node:fc1.units\", \"kind\": \"range\" }"
                    + "|search.parameters[2].kind: must be \"int\", \"float\" or \"choices\", got text \"range\"",
            "{ \"target\": \"node:fc1.units\", \"kind\": \"int\", \"low\": 1, \"hight\": 2 }"
                    + "|search.parameters[2].hight: no such field; an int range has target, kind, low, high, step, log",
            "{ \"target\": \"node:fc1.units\", \"kind\": \"int\", \"low\": 1.5, \"high\": 2 }"
                    + "|search.parameters[2].low: must be a whole number, got the number 1.5",
            "{ \"target\": \"node:fc1.units\", \"kind\": \"int\", \"low\": 64, \"high\": 256 }"
                    + "|search.parameters[2].target: node:fc1.units is listed twice; a parameter has one range",
            "[1]|search.parameters[2]: must be an object like {\"target\": \"node:fc1.units\", \"kind\": \"int\", "
                    + "\"low\": 64, \"high\": 256}, got a list",
    })
    void aBadEntryIsRefusedWithItsJsonPath(String entry, String message) {
        String base = """
                [ { "target": "node:fc1.units", "kind": "int", "low": 64, "high": 256 },
                  { "target": "training.batchSize", "kind": "choices", "choices": [32, 64] }, %s ]""".formatted(entry);
        String parameters = message.contains("listed twice") ? base.replace("training.batchSize", "training.epochs")
                : base;

        assertThatThrownBy(() -> read(parameters)).isInstanceOf(ProjectFormatException.class)
                .hasMessage("s.netloom: " + message);
    }

    @Test
    void theSectionAndItsListMustHaveTheirShapes() {
        assertThatThrownBy(() -> read("{}")).hasMessage("s.netloom: search.parameters: must be a list, got an object");
        assertThatThrownBy(() -> files.parse(SearchProjects.withParameters("[]").replaceFirst(
                "\"search\": \\{", "\"search\": 3, \"x\": {"), "s.netloom"))
                .hasMessage("s.netloom: search: must be an object, got the number 3");
    }

    @Test
    void aWholeChoiceOfAnIntegerParameterIsStoredAsAnInteger() throws Exception {
        SearchSpace space = SearchSection.of(read("""
                [ { "target": "training.batchSize", "kind": "choices", "choices": [32, 64.0] } ]"""), catalog);

        assertThat(((Range.Choices) space.parameters().get(0).range()).values()).containsExactly(32, 64);
    }
}
