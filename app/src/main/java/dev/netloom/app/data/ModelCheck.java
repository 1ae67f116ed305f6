package dev.netloom.app.data;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.InputBinding;
import dev.netloom.train.data.InputMismatchException;

/**
 * Whether a dataset can feed the model as it is drawn: the training engine's own
 * {@link InputBinding#bind} decides (inputs' shapes, token lengths, vocabulary, features, and
 * the Classification head's class count), so the Data view says exactly what training would.
 *
 * @param matches whether training would accept the pair
 * @param message "The dataset matches the model." or the one-line refusal naming the input or head
 */
public record ModelCheck(boolean matches, String message) {

    /** The sentence for a dataset the model accepts. */
    public static final String MATCHES = "The dataset matches the model.";

    public static ModelCheck of(GraphAnalysis analysis, Dataset dataset) {
        try {
            InputBinding.bind(analysis, dataset);
            return new ModelCheck(true, MATCHES);
        } catch (InputMismatchException e) {
            return new ModelCheck(false, capitalised(e.getMessage()));
        } catch (RuntimeException e) {
            // A graph half-way through an edit can have a head without a class count; say so, do not crash the view.
            return new ModelCheck(false, "The model cannot be checked yet: " + e.getMessage());
        }
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
