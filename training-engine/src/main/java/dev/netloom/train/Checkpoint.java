package dev.netloom.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.graph.artifact.Safetensors;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.graph.files.AtomicWrite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's state between epochs, in one safetensors file (weights, the best weights so far and
 * the optimiser's moments as tensors, progress in its metadata) written atomically, so a crash or
 * a cancel leaves the previous checkpoint or the new one, never a mix. Resuming restores all of
 * it, so that a run resumed after an epoch continues as if it had never stopped. Checkpoints
 * written before the optimiser state was kept resume with fresh moments.
 *
 * @param weights every weight by name
 * @param epochsDone epochs completed
 * @param steps optimiser steps taken
 * @param bestAccuracy the best validation accuracy so far (−1 before the first evaluation)
 * @param learningRateScale what divergence recovery had multiplied the learning rate by (1 without recoveries)
 * @param bestWeights the weights of the best epoch so far, or null (older checkpoints)
 * @param optimizer the optimiser's moments and counts, or null (older checkpoints)
 */
record Checkpoint(Map<String, Tensor> weights, int epochsDone, int steps, double bestAccuracy,
                  double learningRateScale, Map<String, Tensor> bestWeights, SavedOptimizerState optimizer) {

    /** Tensor name prefixes of the parts other than the weights (weight names never hold a '/'). */
    private static final String BEST = "best/";
    private static final String FIRST = "optimizer.first/";
    private static final String SECOND = "optimizer.second/";
    private static final ObjectMapper JSON = new ObjectMapper();

    static void write(Path file, Checkpoint c) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>(c.weights);
        Map<String, String> meta = new LinkedHashMap<>(Map.of(
                "format", "netloom-checkpoint",
                "epochsDone", Integer.toString(c.epochsDone),
                "steps", Integer.toString(c.steps),
                "bestAccuracy", Double.toString(c.bestAccuracy),
                "learningRateScale", Double.toString(c.learningRateScale)));
        if (c.bestWeights != null) {
            c.bestWeights.forEach((n, t) -> tensors.put(BEST + n, t));
        }
        if (c.optimizer != null) {
            c.optimizer.first().forEach((n, t) -> tensors.put(FIRST + n, t));
            c.optimizer.second().forEach((n, t) -> tensors.put(SECOND + n, t));
            meta.put("optimizer", c.optimizer.optimizer());
            meta.put("optimizerUpdates", Integer.toString(c.optimizer.numUpdate()));
            meta.put("optimizerCounts", JSON.writeValueAsString(c.optimizer.counts()));
        }
        AtomicWrite.write(file, AtomicWrite.Access.OWNER_ONLY, temp -> Safetensors.write(temp, tensors, meta));
    }

    static Checkpoint read(Path file) throws IOException {
        Safetensors.Contents contents = Safetensors.read(file);
        Map<String, String> meta = contents.metadata();
        if (!"netloom-checkpoint".equals(meta.get("format"))) {
            throw new IOException(file + ": not a Netloom checkpoint");
        }
        Map<String, Tensor> weights = new TreeMap<>();
        Map<String, Tensor> best = new TreeMap<>();
        Map<String, Tensor> first = new TreeMap<>();
        Map<String, Tensor> second = new TreeMap<>();
        contents.tensors().forEach((n, t) -> {
            if (n.startsWith(BEST)) {
                best.put(n.substring(BEST.length()), t);
            } else if (n.startsWith(FIRST)) {
                first.put(n.substring(FIRST.length()), t);
            } else if (n.startsWith(SECOND)) {
                second.put(n.substring(SECOND.length()), t);
            } else {
                weights.put(n, t);
            }
        });
        try {
            SavedOptimizerState optimizer = null;
            if (meta.containsKey("optimizer")) {
                Map<String, Integer> counts = JSON.readValue(meta.get("optimizerCounts"), new TypeReference<>() { });
                optimizer = new SavedOptimizerState(meta.get("optimizer"), first, second, counts,
                        Integer.parseInt(meta.get("optimizerUpdates")));
            }
            return new Checkpoint(weights, Integer.parseInt(meta.get("epochsDone")),
                    Integer.parseInt(meta.get("steps")), Double.parseDouble(meta.get("bestAccuracy")),
                    // Checkpoints written before divergence recovery existed have no scale: 1.
                    Double.parseDouble(meta.getOrDefault("learningRateScale", "1")),
                    best.isEmpty() ? null : best, optimizer);
        } catch (NumberFormatException | NullPointerException | JsonProcessingException e) {
            throw new IOException(file + ": the checkpoint's progress fields are damaged");
        }
    }
}
