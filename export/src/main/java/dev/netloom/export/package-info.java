/**
 * From a model artifact to a verified bundle for a device: quantizers, the ONNX writer,
 * verification in ONNX Runtime, and signed bundles.
 */
package dev.netloom.export;
