package dev.netloom.train;

import dev.netloom.graph.Graph;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.Templates;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The automatic thread count follows the measured rule: small steps one thread, large ones two. */
class ThreadChoiceTest {

    @Test
    void theMeasuredModelsFallOnTheirSideOfTheRule() {
        // the bench's MLP: 234,752 multiply-adds per example; the small CNN: 5,682,304
        assertThat(ThreadChoice.threadsFor(234_752, 64, 2)).isEqualTo(1);
        assertThat(ThreadChoice.threadsFor(5_682_304, 64, 2)).isEqualTo(2);
        assertThat(ThreadChoice.threadsFor(5_682_304, 64, 1)).as("one core").isEqualTo(1);
        assertThat(ThreadChoice.threadsFor(5_682_304, 64, 64)).as("never more than measured").isEqualTo(2);
        assertThat(ThreadChoice.threadsFor(5_682_304, 8, 2)).as("a small batch is a small step").isEqualTo(1);
    }

    @Test
    void aRunWithoutThreadsChoosesByItsGraphAndOneWithThemKeepsThem() {
        LayerCatalog catalog = LayerCatalog.standard();
        Graph cnn = new Templates(new ProjectFile(catalog)).find("small-cnn").orElseThrow().project().graph();
        var analysis = new GraphAnalyzer(catalog).analyze(cnn);
        TrainingSettings open = TrainingSection.read(null);
        assertThat(open.threads()).isEqualTo(TrainingSettings.AUTOMATIC_THREADS);
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(ThreadChoice.resolve(open, analysis)).isEqualTo(cores >= 2 ? 2 : 1);
        assertThat(ThreadChoice.resolve(open.withBatchSize(4), analysis)).isEqualTo(1);
        TrainingSettings one = TrainingSection.read(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("threads", 1));
        assertThat(ThreadChoice.resolve(one, analysis)).isEqualTo(1);
    }
}
