package dev.netloom.app.studio;

import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.Templates;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The wizard's cards: every input type has a word for what it reads, and the summaries use them. */
class TemplateChoiceTest {

    private static final LayerCatalog CATALOG = LayerCatalog.standard();

    @Test
    void everyInputTypeOfTheCatalogHasAWord() {
        List<LayerType> missing = CATALOG.all().stream().filter(s -> s.category() == Category.INPUTS)
                .map(LayerSpec::layerType).filter(t -> TemplateChoice.inputWord(t).isEmpty()).toList();
        assertThat(missing).as("input layer types without a word in TemplateChoice").isEmpty();
        assertThat(TemplateChoice.inputWord(LayerType.DENSE)).isEmpty();
    }

    @Test
    void aSummaryNamesWhatTheTemplatesInputsRead() {
        List<TemplateChoice> all = TemplateChoice.all(new Templates(new ProjectFile(CATALOG)), new GraphAnalyzer(CATALOG));
        assertThat(all.get(0).summary()).isEqualTo("0 layers");
        assertThat(all).filteredOn(c -> c.key().equals("image-text-qa")).singleElement()
                .satisfies(c -> assertThat(c.summary()).contains("pictures").contains("text").doesNotContain("no input"));
        assertThat(all).filteredOn(c -> c.key().equals("small-cnn")).singleElement()
                .satisfies(c -> assertThat(c.summary()).endsWith("parameters  ·  pictures"));
    }
}
