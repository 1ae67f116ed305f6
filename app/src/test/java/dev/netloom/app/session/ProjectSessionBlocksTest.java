package dev.netloom.app.session;

import dev.netloom.app.StudioServices;
import dev.netloom.app.TestHome;
import dev.netloom.designer.model.DesignerModel;
import dev.netloom.graph.Graph;
import dev.netloom.graph.block.BlockUse;
import dev.netloom.graph.edit.GraphDocument;
import dev.netloom.graph.project.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The designer cannot show block uses yet: a project drawn with blocks opens as its plain layers,
 * the session says so (the window's notice), and saving writes those layers, which read back.
 */
class ProjectSessionBlocksTest {

    private static final StudioServices SERVICES = StudioServices.standard(TestHome.PATH);

    @Test
    void aProjectWithBlocksOpensAsItsLayersAndSaysSo(@TempDir Path dir) throws Exception {
        DesignerModel designer = new DesignerModel(new GraphDocument(SERVICES.catalog(), Graph.EMPTY), SERVICES.analyzer());
        ProjectSession session = new ProjectSession(SERVICES.projectFile(), designer, dir, Runnable::run, Runnable::run);
        var template = SERVICES.templates().find("mobilenet-v2").orElseThrow();
        session.start(template.drawn(), null);
        assertThat(session.blocksExpandedProperty().get()).isTrue();
        assertThat(designer.graph().nodes()).noneMatch(BlockUse::isUse).hasSize(153);
        assertThat(designer.graph().hasNode("stage3_rest#2/dw")).isTrue();

        Path file = dir.resolve("mobile.netloom");
        session.save(file).get();
        Project read = SERVICES.projectFile().read(file);
        assertThat(read.sections()).doesNotContainKey("blocks");
        assertThat(SERVICES.analyzer().analyze(read.graph()).total())
                .isEqualTo(SERVICES.analyzer().analyze(template.project().graph()).total());

        session.start(SERVICES.templates().find("small-cnn").orElseThrow().project(), null);
        assertThat(session.blocksExpandedProperty().get()).isFalse();
    }
}
