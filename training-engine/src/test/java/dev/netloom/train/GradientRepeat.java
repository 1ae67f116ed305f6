package dev.netloom.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.Templates;
import dev.netloom.train.data.Augmentation;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.InputBinding;
import dev.netloom.train.data.qa.ShapesQa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reproducibility harness behind bench/gradient-repeat.sh: builds a template's model (the demo's
 * by default) on generated Shapes QA, keeps its weights fixed, and repeats forward + backward over
 * the same batches many times, comparing every weight's gradient bit for bit with the first pass.
 * The engine's generator is reseeded before each step, so dropout draws the same numbers each pass:
 * any difference is the engine computing the same thing twice differently. Prints how many steps
 * differed, in which weights, and a digest of the first pass's gradients (to compare processes).
 *
 * <pre>GradientRepeat [--template image-text-moe] [--steps 2000] [--batches 20] [--batch 64] [--threads 1]
 *                [--gc-between true]</pre>
 */
public final class GradientRepeat {

    private GradientRepeat() {
    }

    public static void main(String[] args) throws Exception {
        String template = arg(args, "--template", "image-text-moe");
        int steps = Integer.parseInt(arg(args, "--steps", "2000"));
        int batches = Integer.parseInt(arg(args, "--batches", "20"));
        int batch = Integer.parseInt(arg(args, "--batch", "64"));
        int threads = Integer.parseInt(arg(args, "--threads", "1"));
        // Collect garbage between forward and backward on every pass after the first (the reference):
        // what a collection at that moment does to a step.
        boolean gcBetween = Boolean.parseBoolean(arg(args, "--gc-between", "false"));

        LayerCatalog catalog = LayerCatalog.standard();
        var project = new Templates(new ProjectFile(catalog)).find(template).orElseThrow().project();
        GraphAnalysis analysis = new GraphAnalyzer(catalog).analyze(project.graph());
        Dataset data = new ShapesQa(batch * batches + 100, 0.0, 0.05).read(InputBinding.request(analysis, 7));
        List<String> fields = InputBinding.bind(analysis, data).fieldsInGraphOrder(analysis);
        ai.djl.engine.Engine.getInstance();
        JniUtils.setNumThreads(threads);
        System.out.printf(Locale.ROOT, "template %s, %d steps over %d batches of %d, %d thread(s), collections "
                + "between forward and backward: %s%n", template, steps, batches, batch, threads, gcBetween);

        try (TrainedModel model = TrainedModel.create(analysis, fields, 42);
             Trainer trainer = model.model().newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                     .optDevices(new Device[] {Device.cpu()}));
             FusedLoss loss = new FusedLoss(trainer.getManager(), 0.0f)) {
            BatchBuffers buffers = new BatchBuffers(data.train(), fields, batch);
            List<Map.Entry<String, Parameter>> weights = model.block().weightsByName().entrySet().stream()
                    .filter(e -> e.getValue().requiresGradient()).toList();
            int[][] reference = new int[batches][];
            int[] referenceLoss = new int[batches];
            int differing = 0;
            int firstDiffering = -1;
            java.util.TreeMap<String, Integer> differingWeights = new java.util.TreeMap<>();
            long started = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                int b = s % batches;
                int[] rows = new int[batch];
                for (int i = 0; i < batch; i++) {
                    rows[i] = b * batch + i;
                }
                ai.djl.engine.Engine.getInstance().setRandomSeed(1000 + b);
                int[] sums = new int[weights.size()];
                int lossBits;
                try (NDManager step = trainer.getManager().newSubManager()) {
                    NDList inputs = buffers.inputs(step, rows, Augmentation.NONE, null);
                    NDArray labels = buffers.labels(step, rows);
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDList out = trainer.forward(inputs);
                        NDArray objective = loss.lossAndCorrect(out.get(0), labels).get(0).add(out.get(out.size() - 1));
                        lossBits = Float.floatToRawIntBits(objective.getFloat());
                        if (gcBetween && s >= batches) {
                            System.gc();
                            Thread.sleep(20); // the cleaner thread frees what the collection found
                        }
                        collector.backward(objective);
                    }
                    for (int w = 0; w < weights.size(); w++) {
                        NDArray g = weights.get(w).getValue().getArray().getGradient();
                        g.attach(step);
                        sums[w] = Arrays.hashCode(g.toFloatArray());
                        JniUtils.zeroGrad((PtNDArray) weights.get(w).getValue().getArray());
                    }
                }
                if (reference[b] == null) {
                    reference[b] = sums;
                    referenceLoss[b] = lossBits;
                } else if (!Arrays.equals(reference[b], sums) || referenceLoss[b] != lossBits) {
                    differing++;
                    if (firstDiffering < 0) {
                        firstDiffering = s;
                    }
                    List<String> which = new ArrayList<>();
                    for (int w = 0; w < weights.size(); w++) {
                        if (reference[b][w] != sums[w]) {
                            which.add(weights.get(w).getKey());
                            differingWeights.merge(weights.get(w).getKey(), 1, Integer::sum);
                        }
                    }
                    System.out.printf(Locale.ROOT, "step %d (batch %d): loss %s, gradients differ in %s%n", s, b,
                            referenceLoss[b] == lossBits ? "same" : "DIFFERENT", which);
                }
            }
            int digest = Arrays.deepHashCode(reference) * 31 + Arrays.hashCode(referenceLoss);
            System.out.printf(Locale.ROOT, "steps %d, differing %d (first at step %d), %.1f ms/step, digest %08x%n",
                    steps, differing, firstDiffering, (System.nanoTime() - started) / 1e6 / steps, digest);
            differingWeights.forEach((k, v) -> System.out.println("  " + k + " differed " + v + " times"));
        }
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
