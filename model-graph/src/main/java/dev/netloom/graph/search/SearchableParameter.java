package dev.netloom.graph.search;

import java.util.Objects;

/**
 * One parameter the search may change, and the values it may try.
 *
 * @param target the node parameter or training setting
 * @param range the values to try
 */
public record SearchableParameter(SearchTarget target, Range range) {

    public SearchableParameter {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(range, "range");
    }
}
