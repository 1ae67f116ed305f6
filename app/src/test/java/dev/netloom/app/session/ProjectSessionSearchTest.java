package dev.netloom.app.session;

import dev.netloom.app.StudioServices;
import dev.netloom.app.TestHome;
import dev.netloom.designer.model.DesignerModel;
import dev.netloom.graph.edit.GraphDocument;
import dev.netloom.graph.Graph;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.search.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Searchable parameters marked in the designer are saved in the project's search section and read back. */
class ProjectSessionSearchTest {

    private static final StudioServices SERVICES = StudioServices.standard(TestHome.PATH);

    @Test
    void aSearchableParameterSurvivesSaveAndReopen(@TempDir Path dir) throws Exception {
        DesignerModel designer = new DesignerModel(new GraphDocument(SERVICES.catalog(), Graph.EMPTY), SERVICES.analyzer());
        ProjectSession session = new ProjectSession(SERVICES.projectFile(), designer, dir, Runnable::run, Runnable::run);
        Project template = SERVICES.templates().find("small-cnn").orElseThrow().project();
        session.start(template, null);
        String conv = designer.graph().nodes().stream().filter(n -> n.type().equals("Conv2d")).findFirst()
                .orElseThrow().id();

        designer.setSearchable(conv, "filters", true);
        assertThat(session.dirtyProperty().get()).isTrue();
        Path file = dir.resolve("cnn.netloom");
        session.save(file).get();
        assertThat(session.dirtyProperty().get()).isFalse();

        Project read = SERVICES.projectFile().read(file);
        session.start(read, file);
        assertThat(designer.searchRange(conv, "filters")).containsInstanceOf(Range.IntRange.class);
        assertThat(read.section("training")).isEqualTo(template.section("training"));
    }
}
