package dev.netloom.graph.search;

import dev.netloom.graph.catalog.ParamSpec;

import java.util.List;
import java.util.Optional;

/**
 * The training settings the search may change, with their allowed ranges and defaults, as
 * {@link ParamSpec}s so that node parameters and settings are checked by the same rules. Names
 * and defaults match the {@code training} section the training engine reads (which cannot be
 * consulted from here: the engine depends on this module, not the other way).
 */
public final class SearchableSettings {

    /** Every searchable training setting. */
    public static final List<ParamSpec> TRAINING = List.of(
            ParamSpec.choice("optimizer", "adam", List.of("sgd", "adam", "adamw"), "How weights are updated."),
            ParamSpec.real("learningRate", 1e-3, 1e-7, 10, "How big each update step is."),
            ParamSpec.real("momentum", 0.9, 0, 0.999, "How much of the last step SGD keeps."),
            ParamSpec.choice("schedule", "cosine", List.of("constant", "step", "cosine"),
                    "How the learning rate changes over the epochs."),
            ParamSpec.real("warmupEpochs", 0, 0, 100, "Epochs of gentle start before the schedule."),
            ParamSpec.integer("batchSize", 64, 1, 65536, "Examples per step."),
            ParamSpec.integer("epochs", 10, 1, 100000, "Passes over the training data."),
            ParamSpec.real("weightDecay", 0, 0, 0.999, "How strongly large weights are held back."),
            ParamSpec.real("gradientClip", 0, 0, 1000, "The largest gradient norm; 0 for none."),
            ParamSpec.real("labelSmoothing", 0, 0, 0.999, "Share of the target spread over all classes."));

    private SearchableSettings() {
    }

    /** The setting by name, if the search may change it. */
    public static Optional<ParamSpec> training(String name) {
        return TRAINING.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
