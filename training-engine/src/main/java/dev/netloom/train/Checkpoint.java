package dev.netloom.train;

import dev.netloom.graph.artifact.Safetensors;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.graph.files.AtomicWrite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A run's state between epochs, in one safetensors file (weights as tensors, progress in its
 * metadata) written atomically, so a crash or a cancel leaves the previous checkpoint or the new
 * one, never a mix. Resuming restores the weights and the schedule's position; the optimiser's
 * moments start afresh (DJL does not expose them), which costs a few steps of warm-up.
 *
 * @param weights every weight by name
 * @param epochsDone epochs completed
 * @param steps optimiser steps taken
 * @param bestAccuracy the best validation accuracy so far (−1 before the first evaluation)
 * @param learningRateScale what divergence recovery had multiplied the learning rate by (1 without recoveries)
 */
record Checkpoint(Map<String, Tensor> weights, int epochsDone, int steps, double bestAccuracy,
                  double learningRateScale) {

    static void write(Path file, Checkpoint c) throws IOException {
        AtomicWrite.write(file, AtomicWrite.Access.OWNER_ONLY, temp -> Safetensors.write(temp, c.weights, Map.of(
                "format", "netloom-checkpoint",
                "epochsDone", Integer.toString(c.epochsDone),
                "steps", Integer.toString(c.steps),
                "bestAccuracy", Double.toString(c.bestAccuracy),
                "learningRateScale", Double.toString(c.learningRateScale))));
    }

    static Checkpoint read(Path file) throws IOException {
        Safetensors.Contents contents = Safetensors.read(file);
        Map<String, String> meta = contents.metadata();
        if (!"netloom-checkpoint".equals(meta.get("format"))) {
            throw new IOException(file + ": not a Netloom checkpoint");
        }
        try {
            return new Checkpoint(contents.tensors(), Integer.parseInt(meta.get("epochsDone")),
                    Integer.parseInt(meta.get("steps")), Double.parseDouble(meta.get("bestAccuracy")),
                    // Checkpoints written before divergence recovery existed have no scale: 1.
                    Double.parseDouble(meta.getOrDefault("learningRateScale", "1")));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IOException(file + ": the checkpoint's progress fields are damaged");
        }
    }
}
