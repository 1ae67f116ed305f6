package dev.netloom.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.quantize.QuantizationSection;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFormatException;
import dev.netloom.graph.project.SearchSection;
import dev.netloom.train.TrainingSection;
import dev.netloom.train.data.DataSectionException;
import dev.netloom.train.data.DataSources;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checks {@code netloom train}, {@code tune} and {@code export} make of a project's own
 * sections, made without training or reading any data: {@code training} (every setting and its
 * range), {@code quantization} (precisions per node against the graph), {@code data} (the source and its
 * settings), {@code search} (targets and ranges against
 * the graph) and the {@code export} section's precision. {@code netloom validate} runs them, so a
 * file that validates is not then refused by {@code train} for its settings.
 */
public final class ProjectSections {

    /** The precision words an export section may name. */
    public static final List<String> PRECISIONS = List.of("fp32", "fp16", "int8", "int8-static", "int4", "int2",
            "int1", "auto");

    private ProjectSections() {
    }

    /**
     * One line per problem, each naming the JSON path; empty when every section would be accepted.
     *
     * @param projectFolder where the data section's relative paths start
     */
    public static List<String> problems(Project project, Path projectFolder, LayerCatalog catalog) {
        List<String> out = new ArrayList<>();
        try {
            TrainingSection.read(project.section("training").orElse(null));
        } catch (IllegalArgumentException e) {
            out.add(e.getMessage());
        }
        JsonNode quantization = project.sections().get(QuantizationSection.KEY);
        if (quantization != null) {
            GraphAnalysis analysis = new GraphAnalyzer(catalog).analyze(project.graph());
            if (analysis.isValid()) { // graph problems are reported on their own
                try {
                    QuantizationSection.read(quantization, analysis);
                } catch (IllegalArgumentException e) {
                    out.add(e.getMessage());
                }
            }
        }
        JsonNode data = project.sections().get("data");
        if (data != null) {
            try {
                DataSources.reader(data, projectFolder);
            } catch (DataSectionException e) {
                out.add(e.getMessage());
            }
        }
        try {
            SearchSection.of(project, catalog);
        } catch (ProjectFormatException e) {
            out.add(e.location().isEmpty() ? e.reason() : e.location() + ": " + e.reason());
        }
        JsonNode export = project.sections().get("export");
        if (export != null) {
            if (!export.isObject()) {
                out.add("export: must be an object");
            } else if (export.has("precision")) {
                JsonNode p = export.get("precision");
                if (!p.isTextual() || !PRECISIONS.contains(p.textValue().toLowerCase(Locale.ROOT))) {
                    out.add("export.precision: must be one of " + String.join(", ", PRECISIONS) + ", got "
                            + (p.isTextual() ? "\"" + p.textValue() + "\"" : p.toString()));
                }
            }
        }
        return out;
    }
}
