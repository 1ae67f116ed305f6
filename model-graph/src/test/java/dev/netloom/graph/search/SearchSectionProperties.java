package dev.netloom.graph.search;

import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.ProjectFormatException;
import dev.netloom.graph.project.SearchSection;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A damaged search section is read or refused with one line naming the file, never anything
 * else; what reads is a search space that writes back to the same text.
 */
class SearchSectionProperties {

    private static final List<String> TOKENS = List.of("\"int\"", "\"float\"", "\"choices\"", "\"node:fc1.units\"",
            "\"node:drop.rate\"", "\"training.batchSize\"", "\"node:act.function\"", "\"node:image.width\"",
            "\"node:flat.x\"", "\"training.\"", "\"node:.\"", "-1", "0", "1", "0.5", "1e308", "1e999", "65537",
            "2147483648", "-2147483649", "true", "false", "null", "[]", "{}", "\"\"", "[\"ReLU\"]", "[1, 1]",
            "\"low\"", "\"high\"", "\"step\"", "\"log\"", "\"target\"", "\"kind\"", ",", ":", "[", "]", "{", "}");

    private final LayerCatalog catalog = LayerCatalog.standard();
    private final ProjectFile files = new ProjectFile(catalog);

    @Property(tries = 500)
    void aDamagedSearchSectionIsReadOrRefusedInOneLine(@ForAll("damaged") String parameters) throws Exception {
        Statistics.coverage(c -> c.check("read").percentage(p -> p >= 3));
        Project project;
        try {
            project = files.parse(SearchProjects.withParameters(parameters), "fuzz.netloom");
        } catch (ProjectFormatException e) {
            assertThat(e.getMessage()).doesNotContain("\n", "\r").hasSizeLessThan(600);
            assertThat(e.getMessage()).startsWith("fuzz.netloom: ");
            Statistics.collect("refused");
            return;
        }
        Statistics.collect("read");
        SearchSpace space = SearchSection.of(project, catalog);
        Project written = SearchSection.write(project, space);
        assertThat(SearchSection.of(files.parse(files.toJson(written), "again"), catalog)).isEqualTo(space);
    }

    @Provide
    Arbitrary<String> damaged() {
        Arbitrary<String> token = Arbitraries.of(TOKENS);
        return Arbitraries.integers().between(0, 4).flatMap(n -> token.list().ofSize(n * 2)
                .map(pairs -> damage(SearchProjects.FOUR, pairs)));
    }

    /** Replaces tokens of the valid list by others, at positions chosen by the tokens themselves. */
    private static String damage(String text, List<String> pairs) {
        String out = text;
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            String from = pairs.get(i);
            String to = pairs.get(i + 1);
            int at = out.indexOf(from.replace("\"", ""));
            if (at >= 0) {
                out = out.substring(0, at) + to + out.substring(at + from.replace("\"", "").length());
            } else {
                out = out.replaceFirst("\\]\\s*$", ", " + to + "]");
            }
        }
        return out;
    }
}
