package dev.netloom.app.runs;

import dev.netloom.app.predict.BadInputException;
import dev.netloom.app.predict.InputSlot;
import dev.netloom.app.predict.Prediction;
import dev.netloom.app.predict.PredictionService;
import dev.netloom.app.predict.Predictor;
import dev.netloom.app.predict.Queries;
import dev.netloom.app.predict.Query;
import dev.netloom.graph.project.ProjectFile;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The "Try it" panel's state: a trained model opened through {@link PredictionService} (the
 * service {@code netloom predict} uses), what the person gave each of its inputs (a picture file,
 * a text, a typed table row), and the model's answer: the most probable classes. Loading and
 * predicting run on the io executor; results come back on the FX executor.
 */
public final class TryItViewModel {

    /** Classes shown per answer. */
    public static final int TOP = 5;

    private final ProjectFile files;
    private final Executor io;
    private final Executor fx;
    private final ObservableList<InputSlot> inputs = FXCollections.observableArrayList();
    private final ObservableList<Prediction.Ranked> answer = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Select a finished run to try its model.");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(false);
    private final Map<String, Object> values = new HashMap<>();
    private Path loadedFrom;
    // Touched on the io executor only (open, predict, close run there one after another).
    private Predictor predictor;

    public TryItViewModel(ProjectFile files, Executor io, Executor fx) {
        this.files = files;
        this.io = io;
        this.fx = fx;
    }

    /**
     * Opens a model to try (a run's model folder, or a bundle folder); nothing happens when it is
     * the one already open.
     *
     * @param name what to call it, for example "run 3"
     */
    public CompletableFuture<Void> load(Path model, String name) {
        if (model.equals(loadedFrom)) {
            return CompletableFuture.completedFuture(null);
        }
        loadedFrom = model;
        busy.set(true);
        ready.set(false);
        error.set("");
        answer.clear();
        values.clear();
        title.set("Opening the model of " + name + "…");
        return CompletableFuture.supplyAsync(() -> {
            closePredictor();
            try {
                predictor = PredictionService.open(model, files);
            } catch (java.io.IOException e) {
                throw new CompletionException(e);
            }
            return predictor.inputs();
        }, io).thenAcceptAsync(slots -> {
            inputs.setAll(slots);
            title.set("Try the model of " + name + ": give it " + describe(slots) + ", then Predict.");
            busy.set(false);
            ready.set(true);
        }, fx).exceptionally(e -> {
            fx.execute(() -> {
                inputs.clear();
                title.set("The model of " + name + " cannot be tried.");
                error.set(message(e));
                busy.set(false);
                loadedFrom = null;
            });
            return null;
        });
    }

    /** Forgets the model (no run selected, or a run without one). */
    public void clear(String why) {
        loadedFrom = null;
        ready.set(false);
        inputs.clear();
        answer.clear();
        values.clear();
        error.set("");
        title.set(why);
        io.execute(this::closePredictor);
    }

    /** What the person gave an input: a picture {@link Path}, a text, or a typed row (text). */
    public void set(String input, Object value) {
        if (value == null) {
            values.remove(input);
        } else {
            values.put(input, value);
        }
    }

    /** The model's answer for what the inputs hold now. */
    public CompletableFuture<Void> predict() {
        error.set("");
        Map<String, Object> given = new LinkedHashMap<>();
        String source = "";
        try {
            for (InputSlot slot : inputs) {
                Object v = values.get(slot.name());
                if (v == null || v instanceof String s && s.isBlank()) {
                    throw new BadInputException(switch (slot.kind()) {
                        case PICTURE -> "Choose or drop a picture first.";
                        case TEXT -> "Type a text first.";
                        case ROW -> "Type a row first: " + String.join(", ", slot.columns()) + ".";
                    });
                }
                if (slot.kind() == InputSlot.Kind.ROW) {
                    Query row = Queries.row(slot, (String) v);
                    given.put(slot.name(), row.values().get(slot.name()));
                } else {
                    given.put(slot.name(), v);
                }
                source = Objects.toString(v);
            }
        } catch (BadInputException e) {
            error.set(e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        Query query = new Query(source, given);
        busy.set(true);
        return CompletableFuture.supplyAsync(() -> PredictionService.predict(predictor, List.of(query), TOP).get(0), io)
                .thenAcceptAsync(p -> {
                    answer.setAll(p.top());
                    busy.set(false);
                }, fx)
                .exceptionally(e -> {
                    fx.execute(() -> {
                        answer.clear();
                        error.set(message(e));
                        busy.set(false);
                    });
                    return null;
                });
    }

    /** Closes the model (the window is going away). */
    public void dispose() {
        io.execute(this::closePredictor);
    }

    private void closePredictor() {
        if (predictor != null) {
            predictor.close();
            predictor = null;
        }
    }

    private static String describe(List<InputSlot> slots) {
        return String.join(" and ", slots.stream().map(s -> switch (s.kind()) {
            case PICTURE -> "a picture";
            case TEXT -> s.name().toLowerCase(java.util.Locale.ROOT).contains("question") ? "a question" : "a text";
            case ROW -> "a table row";
        }).toList());
    }

    private static String message(Throwable e) {
        Throwable cause = e;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? "the model could not answer" : cause.getMessage();
    }

    public ObservableList<InputSlot> inputs() {
        return inputs;
    }

    public ObservableList<Prediction.Ranked> answer() {
        return answer;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }
}
