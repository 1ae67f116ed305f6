package dev.netloom.graph.search;

import dev.netloom.graph.Node;
import dev.netloom.graph.block.BlockDefinition;
import dev.netloom.graph.block.BlockLibrary;
import dev.netloom.graph.block.BlockUse;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.ParamSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the search may change on a block use: its {@code repeat} count (the depth; 0 skips the
 * block), its {@code block} (a choice between blocks that fit the same place), or one of the
 * block's parameters (ranged as the inner layer parameter it sets).
 *
 * <p>A block fits the place of another when it has the same input and output ports and every
 * parameter the use gives a value to, so any choice expands with the edges and values as drawn;
 * whether the shapes then agree is the analyser's word, asked before a trial trains.
 */
final class BlockSearch {

    private final LayerCatalog catalog;
    private final BlockLibrary blocks;

    BlockSearch(LayerCatalog catalog, BlockLibrary blocks) {
        this.catalog = catalog;
        this.blocks = blocks;
    }

    ParamSpec spec(Node use, String name) {
        String current = BlockUse.blockName(use);
        BlockDefinition def = blocks.find(current).orElseThrow(() -> new SearchRangeException("target",
                "use " + use.id() + " names block \"" + current + "\", which the project does not define"));
        if (name.equals(BlockUse.REPEAT)) {
            if (!def.chains()) {
                throw new SearchRangeException("target", "use " + use.id() + "'s repeat cannot be searched: block "
                        + current + " has " + ports(def.inputs().size(), "input") + " and " + ports(def.outputs().size(), "output")
                        + ", and only a block with one of each can repeat");
            }
            return BlockUse.REPEAT_SPEC;
        }
        if (name.equals(BlockUse.BLOCK)) {
            return BlockUse.blockSpec(current, fitting(use, def));
        }
        if (!def.params().containsKey(name)) {
            throw new SearchRangeException("target", "use " + use.id() + " (block " + current + ") has no parameter \""
                    + name + "\"; it has block, repeat" + (def.params().isEmpty() ? "" : ", "
                    + String.join(", ", def.params().keySet())));
        }
        return innerSpec(def, name).orElseThrow(() -> new SearchRangeException("target", "block " + current
                + "'s parameter " + name + " sets no layer parameter, so searching it changes nothing"));
    }

    static String ports(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** The blocks that fit where {@code def} is used (itself first). */
    List<String> fitting(Node use, BlockDefinition def) {
        List<String> out = new ArrayList<>();
        out.add(def.name());
        for (BlockDefinition other : blocks.blocks().values()) {
            if (other != def && other.inputs().keySet().equals(def.inputs().keySet())
                    && other.outputs().keySet().equals(def.outputs().keySet())
                    && other.params().keySet().containsAll(BlockUse.bindings(use).keySet())) {
                out.add(other.name());
            }
        }
        return out;
    }

    /** The rule of the first inner parameter that a block parameter sets, under the block parameter's name. */
    private Optional<ParamSpec> innerSpec(BlockDefinition def, String name) {
        for (Node n : def.nodes()) {
            for (var p : n.params().entrySet()) {
                if (BlockDefinition.reference(p.getValue()).filter(name::equals).isPresent()) {
                    Optional<ParamSpec> spec = catalog.find(n.type()).flatMap(s -> s.param(p.getKey()));
                    if (spec.isPresent()) {
                        ParamSpec s = spec.get();
                        return Optional.of(new ParamSpec(name, s.type(), def.params().get(name), s.min(), s.max(),
                                s.choices(), s.description()));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
