/**
 * Weight quantization arithmetic shared by the exporter and quantization-aware training: the
 * quantizer ({@link dev.netloom.graph.quantize.Quantizer}), FP16 rounding, the rule that picks
 * blocks per weight ({@link dev.netloom.graph.quantize.WeightRule}), the role of each layer
 * type's weights ({@link dev.netloom.graph.quantize.WeightRoles}) and the project file's
 * {@code quantization} section. Plain Java, no runtime: what is computed here is what a file
 * stores and what training trains with.
 */
package dev.netloom.graph.quantize;
