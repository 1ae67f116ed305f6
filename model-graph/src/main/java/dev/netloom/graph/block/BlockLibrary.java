package dev.netloom.graph.block;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The blocks a project defines (its {@code blocks} section), by name.
 *
 * @param blocks every definition by its name, sorted by name
 */
public record BlockLibrary(Map<String, BlockDefinition> blocks) {

    /** No blocks: what a project without a {@code blocks} section has. */
    public static final BlockLibrary EMPTY = new BlockLibrary(Map.of());

    public BlockLibrary {
        blocks.forEach((k, v) -> {
            if (!k.equals(v.name())) {
                throw new IllegalArgumentException("block " + v.name() + " is filed under \"" + k + "\"");
            }
        });
        blocks = Collections.unmodifiableMap(new TreeMap<>(blocks));
    }

    /** The definition of that name, if the project has one. */
    public Optional<BlockDefinition> find(String name) {
        return Optional.ofNullable(blocks.get(name));
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** The library with one definition added or replaced. */
    public BlockLibrary with(BlockDefinition definition) {
        Map<String, BlockDefinition> copy = new TreeMap<>(blocks);
        copy.put(definition.name(), definition);
        return new BlockLibrary(copy);
    }

    /** The library without the named definition. */
    public BlockLibrary without(String name) {
        Map<String, BlockDefinition> copy = new TreeMap<>(blocks);
        copy.remove(name);
        return new BlockLibrary(copy);
    }
}
