package dev.netloom.graph.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.graph.block.BlockLibrary;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.json.StrictJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The blocks the studio ships (inverted residual with and without its shortcut, ResNet's basic and
 * bottleneck blocks, a transformer encoder), found on the class path at
 * {@code netloom/blocks/built-in.json} in the {@code resources} module and drawn by
 * {@code resources/tools/make-templates.py}. A project copies the ones it uses into its own
 * {@code blocks} section, so a project file never depends on the studio's version of a block.
 */
public final class BuiltInBlocks {

    /** Where the built-in blocks are on the class path. */
    public static final String RESOURCE = "netloom/blocks/built-in.json";

    private BuiltInBlocks() {
    }

    /** Every built-in block; empty when the resources jar is not on the class path. A shipped block that does not read is a build bug, so it throws. */
    public static BlockLibrary load(LayerCatalog catalog) {
        try (InputStream in = BuiltInBlocks.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return BlockLibrary.EMPTY;
            }
            JsonNode tree = StrictJson.mapper().readTree(in);
            return BlockSection.read(tree, catalog, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("the built-in blocks cannot be read", e);
        } catch (ProjectFormatException e) {
            throw new IllegalStateException("a shipped block is broken: " + e.getMessage(), e);
        }
    }
}
