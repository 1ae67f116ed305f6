package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The image-text-qa template on 200 Shapes QA examples, one epoch per trial, with a given search section. */
final class SearchableProject {

    private SearchableProject() {
    }

    /** Writes {@code dir/qa.netloom} with {@code search} (JSON) as its search section. */
    static Path write(Path dir, String search) throws IOException {
        Path project = dir.resolve("qa.netloom");
        assertThat(Cli.run("new", "--template", "image-text-qa", project.toString()).code()).isZero();
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(project.toFile());
        root.set("data", json.readTree("{\"source\": \"shapes-qa\", \"examples\": 200}"));
        ((ObjectNode) root.get("training")).put("epochs", 1);
        root.set("search", json.readTree(search));
        json.writerWithDefaultPrettyPrinter().writeValue(project.toFile(), root);
        return project;
    }
}
