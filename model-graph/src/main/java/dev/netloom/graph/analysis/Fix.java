package dev.netloom.graph.analysis;

import dev.netloom.graph.Edge;

/**
 * A one-click repair the analyser suggests: insert a layer of type {@code insertType} on
 * {@code edge}. The edit API turns it into an undoable edit ({@code InsertOnEdge}).
 *
 * @param description what the fix does, in words: "insert Flatten between conv3 and fc1"
 * @param edge the edge to split
 * @param insertType the layer type to put in between
 */
public record Fix(String description, Edge edge, String insertType) {
}
