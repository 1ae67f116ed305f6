package dev.netloom.train;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.Templates;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.InputBinding;
import dev.netloom.train.data.qa.ShapesQa;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Two copies of a template's model (the demo's by default) trained side by side in one process,
 * step by step, with the template's training section: the same seed, batches and random draws,
 * through the real {@link TrainingStep} (forward, fused loss, backward, clipping, fused Adam).
 * Any step whose loss or weights differ between the copies is printed: same inputs, different
 * numbers.
 *
 * <pre>LockstepTraining [--template image-text-moe] [--steps 300] [--examples 6000]</pre>
 */
public final class LockstepTraining {

    private LockstepTraining() {
    }

    public static void main(String[] args) throws Exception {
        String template = arg(args, "--template", "image-text-moe");
        int steps = Integer.parseInt(arg(args, "--steps", "300"));
        int examples = Integer.parseInt(arg(args, "--examples", "6000"));
        LayerCatalog catalog = LayerCatalog.standard();
        var project = new Templates(new ProjectFile(catalog)).find(template).orElseThrow().project();
        TrainingSettings settings = TrainingSection.read(project.section("training").orElse(null));
        GraphAnalysis analysis = new GraphAnalyzer(catalog).analyze(project.graph());
        Dataset data = new ShapesQa(examples, 0.1, 0.1).read(InputBinding.request(analysis, settings.seed()));
        List<String> fields = InputBinding.bind(analysis, data).fieldsInGraphOrder(analysis);
        Examples train = data.train();
        ai.djl.engine.Engine.getInstance();
        JniUtils.setNumThreads(ThreadChoice.resolve(settings, analysis));
        int batch = Math.min(settings.batchSize(), train.size());
        int stepsPerEpoch = (train.size() + batch - 1) / batch;
        System.out.printf(Locale.ROOT, "template %s, %d steps (%d a epoch)%n", template, steps, stepsPerEpoch);
        Copy a = new Copy(analysis, fields, train, settings, stepsPerEpoch);
        Copy b = new Copy(analysis, fields, train, settings, stepsPerEpoch);
        int differing = 0;
        long started = System.nanoTime();
        try (a; b) {
            int[] order = null;
            for (int step = 0; step < steps; step++) {
                int s = step % stepsPerEpoch;
                if (s == 0) {
                    order = shuffled(train.size(), new Random(settings.seed() * 1_000_003L + step));
                }
                int[] rows = Batches.slice(order, s * batch, Math.min(train.size(), (s + 1) * batch));
                double[] la = a.step(step, rows);
                double[] lb = b.step(step, rows);
                int wa = a.weightsDigest();
                int wb = b.weightsDigest();
                if (la[0] != lb[0] || wa != wb) {
                    differing++;
                    System.out.printf(Locale.ROOT, "step %d: loss %s vs %s, weights %s%n", step,
                            Double.toHexString(la[0]), Double.toHexString(lb[0]), wa == wb ? "same" : "DIFFERENT");
                    break; // from here on the copies' weights and moments differ
                }
            }
        }
        System.out.printf(Locale.ROOT, "steps %d, differing %d, %.1f ms per step pair%n", steps, differing,
                (System.nanoTime() - started) / 1e6 / steps);
    }

    /** One copy of the model with its trainer, optimiser and step. */
    private static final class Copy implements AutoCloseable {
        final TrainedModel model;
        final Trainer trainer;
        final LearningRateSchedule schedule;
        final TrainingStep step;
        final long seed;

        Copy(GraphAnalysis analysis, List<String> fields, Examples train, TrainingSettings settings, int stepsPerEpoch) {
            model = TrainedModel.create(analysis, fields, settings.seed());
            schedule = new LearningRateSchedule(settings, stepsPerEpoch);
            RestorableOptimizer optimizer = new RestorableOptimizer(RestorableOptimizer.Kind.ADAM, schedule,
                    (float) settings.momentum(), (float) settings.weightDecay());
            trainer = model.model().newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(optimizer).optDevices(new Device[] {Device.cpu()}));
            step = new TrainingStep(trainer, model, train, fields, settings, null, new Random(1), new StepProfile(),
                    optimizer, null);
            seed = settings.seed();
        }

        double[] step(int n, int[] rows) {
            ai.djl.engine.Engine.getInstance().setRandomSeed((int) (seed * 7919 + n));
            schedule.at(n);
            return step.run(rows);
        }

        int weightsDigest() {
            int h = 1;
            for (Parameter p : model.block().weightsByName().values()) {
                h = 31 * h + Arrays.hashCode(p.getArray().toFloatArray());
            }
            return h;
        }

        @Override
        public void close() {
            trainer.close();
            model.close();
        }
    }

    private static int[] shuffled(int n, Random random) {
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
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
