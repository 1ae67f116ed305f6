package dev.netloom.graph.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The project templates shipped in the {@code resources} module, found on the class path under
 * {@code netloom/templates/} (an {@code index.json} lists them in the order to offer them).
 */
public final class Templates {

    private static final String FOLDER = "netloom/templates/";

    /**
     * A template as offered to the user.
     *
     * @param name the short name used on the command line, for example {@code small-cnn}
     * @param project the project it starts as every computation reads it: blocks expanded into layers
     *     ({@link BlockSection#flatten}); the same as {@code drawn} for a template without blocks
     * @param drawn the project as shipped, with its block uses and {@code blocks} section: what
     *     {@code netloom new} writes, so the user's file keeps its blocks
     */
    public record Template(String name, Project project, Project drawn) {
    }

    private final ProjectFile projectFile;
    private final ClassLoader loader;

    public Templates(ProjectFile projectFile) {
        this(projectFile, Templates.class.getClassLoader());
    }

    public Templates(ProjectFile projectFile, ClassLoader loader) {
        this.projectFile = projectFile;
        this.loader = loader;
    }

    /** The template names in the order to offer them; empty when the resources jar is not on the class path. */
    public List<String> names() {
        try (InputStream in = loader.getResourceAsStream(FOLDER + "index.json")) {
            if (in == null) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (JsonNode n : new ObjectMapper().readTree(in)) {
                names.add(n.asText());
            }
            return List.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException("the template index cannot be read", e);
        }
    }

    /** Every template, loaded. A shipped template that does not load is a build bug, so it throws. */
    public List<Template> all() {
        List<Template> all = new ArrayList<>();
        for (String name : names()) {
            all.add(find(name).orElseThrow(() -> new IllegalStateException("template " + name + " is listed but missing")));
        }
        return all;
    }

    /** The template of that name, if there is one. */
    public Optional<Template> find(String name) {
        if (!names().contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream(FOLDER + name + ProjectFile.EXTENSION)) {
            if (in == null) {
                return Optional.empty();
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Project drawn = projectFile.parse(json, name + ProjectFile.EXTENSION);
            return Optional.of(new Template(name, BlockSection.flatten(drawn, projectFile.catalog()), drawn));
        } catch (IOException e) {
            throw new UncheckedIOException("template " + name + " cannot be read", e);
        } catch (ProjectFormatException e) {
            throw new IllegalStateException("shipped template is broken: " + e.getMessage(), e);
        }
    }
}
