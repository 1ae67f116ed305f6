package dev.netloom.app.predict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The model's answer to one query: the classes it finds most likely, best first.
 *
 * @param source the query's source
 * @param top the best classes with their probabilities, best first
 */
public record Prediction(String source, List<Ranked> top) {

    /**
     * A class and the probability the model gives it.
     *
     * @param label the class name
     * @param probability from 0 to 1
     */
    public record Ranked(String label, double probability) {
    }

    public Prediction {
        top = List.copyOf(top);
    }

    /** The {@code k} most probable of {@code probabilities} (in class order), ties in class order. */
    public static Prediction of(String source, double[] probabilities, List<String> classes, int k) {
        List<Ranked> all = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            all.add(new Ranked(classes.get(i), probabilities[i]));
        }
        all.sort(Comparator.comparingDouble(Ranked::probability).reversed());
        return new Prediction(source, all.subList(0, Math.min(k, all.size())));
    }

    /** Probabilities from logits: the training engine's softmax, as its evaluation computes them. */
    public static double[] softmax(float[] logits) {
        return dev.netloom.train.Evaluation.softmax(logits);
    }
}
