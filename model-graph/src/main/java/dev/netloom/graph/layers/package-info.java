/**
 * The built-in layer types, one class each. Every class is a {@link dev.netloom.graph.catalog.LayerSpec};
 * see its Javadoc for how to add one. Shapes are for one example, channels first.
 */
package dev.netloom.graph.layers;
