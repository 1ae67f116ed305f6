package dev.netloom.app.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.train.TrainingSection;
import dev.netloom.graph.Precision;
import dev.netloom.train.TrainingSettings;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.function.Consumer;

/**
 * The project's training section as the window edits it, in one place (the Train view's settings
 * row): optimizer, learning rate, schedule, batch size, epochs, augmentation (flip, shift) and
 * threads; and the precision it trains for, which is the project's {@code quantization} section
 * ({@link QuantizeChoice}). Every change is checked as {@code netloom train} would read it ({@link TrainingSection})
 * and, when sound, written into the project's {@code training} section (so Save keeps it); keys
 * the form does not show (momentum, warm-up, ...) are kept as they were. A value the section
 * refuses is not saved and its reason is {@link #problemProperty()}.
 */
public final class TrainingForm {

    private final Consumer<JsonNode> save;
    private final StringProperty optimizer = new SimpleStringProperty(this, "optimizer", "adam");
    private final DoubleProperty learningRate = new SimpleDoubleProperty(this, "learningRate", 1e-3);
    private final StringProperty schedule = new SimpleStringProperty(this, "schedule", "cosine");
    private final IntegerProperty batchSize = new SimpleIntegerProperty(this, "batchSize", 64);
    private final IntegerProperty epochs = new SimpleIntegerProperty(this, "epochs", 10);
    private final BooleanProperty flip = new SimpleBooleanProperty(this, "horizontalFlip");
    private final IntegerProperty maxShift = new SimpleIntegerProperty(this, "maxShift");
    private final IntegerProperty threads = new SimpleIntegerProperty(this, "threads", 1);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final Consumer<JsonNode> saveQuantization;
    private final ObjectProperty<Precision> trainFor = new SimpleObjectProperty<>(this, "trainFor", Precision.FP32);
    private final ReadOnlyStringWrapper trainForLine = new ReadOnlyStringWrapper(this, "trainForLine",
            QuantizeChoice.explain(Precision.FP32, 0));
    private JsonNode section;
    private JsonNode quantization;
    private boolean loading;

    /** @param save receives the new section after each accepted change (the session's {@code putSection}) */
    public TrainingForm(Consumer<JsonNode> save) {
        this(save, q -> { });
    }

    /**
     * @param save receives the new training section after each accepted change (the session's {@code putSection})
     * @param saveQuantization receives the new {@code quantization} section when "train for" changes
     */
    public TrainingForm(Consumer<JsonNode> save, Consumer<JsonNode> saveQuantization) {
        this.save = save;
        this.saveQuantization = saveQuantization;
        for (Observable o : new Observable[] {optimizer, learningRate, schedule, batchSize, epochs, flip, maxShift, threads}) {
            o.addListener(x -> changed());
        }
        trainFor.addListener((obs, old, now) -> trainForChanged(now));
    }

    /**
     * Shows the project's {@code quantization} section (null without one) in the "train for"
     * choice; saves nothing.
     */
    public void loadQuantization(JsonNode section) {
        quantization = section;
        loading = true;
        try {
            trainFor.set(QuantizeChoice.of(section));
        } finally {
            loading = false;
        }
        trainForLine.set(QuantizeChoice.explain(trainFor.get(), QuantizeChoice.perLayer(section)));
    }

    private void trainForChanged(Precision now) {
        if (now == null) {
            trainFor.set(Precision.FP32);
            return;
        }
        trainForLine.set(QuantizeChoice.explain(now, QuantizeChoice.perLayer(quantization)));
        if (loading) {
            return;
        }
        QuantizeChoice.section(quantization, now).ifPresent(next -> {
            quantization = next;
            saveQuantization.accept(next);
        });
    }

    /** Shows a section (a project was opened or its section changed elsewhere); saves nothing. */
    public void load(JsonNode training) {
        section = training;
        TrainingSettings s;
        try {
            s = TrainingSection.read(training);
            problem.set("");
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            s = TrainingSettings.defaults();
        }
        loading = true;
        try {
            optimizer.set(s.optimizer());
            learningRate.set(s.learningRate());
            schedule.set(s.schedule());
            batchSize.set(s.batchSize());
            epochs.set(s.epochs());
            flip.set(s.augmentation().horizontalFlip());
            maxShift.set(s.augmentation().maxShift());
            threads.set(s.threads());
        } finally {
            loading = false;
        }
    }

    /** The section as the form shows it: the loaded one with the form's keys replaced. */
    public ObjectNode section() {
        ObjectNode o = section != null && section.isObject() ? ((ObjectNode) section).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        o.put("optimizer", optimizer.get());
        o.put("learningRate", learningRate.get());
        o.put("schedule", schedule.get());
        o.put("batchSize", batchSize.get());
        o.put("epochs", epochs.get());
        o.put("threads", threads.get());
        ObjectNode a = o.putObject("augmentation");
        a.put("horizontalFlip", flip.get());
        a.put("maxShift", maxShift.get());
        return o;
    }

    private void changed() {
        if (loading) {
            return;
        }
        ObjectNode next = section();
        try {
            TrainingSection.read(next);
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return;
        }
        problem.set("");
        section = next;
        save.accept(next);
    }

    public StringProperty optimizerProperty() {
        return optimizer;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    public StringProperty scheduleProperty() {
        return schedule;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    public BooleanProperty horizontalFlipProperty() {
        return flip;
    }

    public IntegerProperty maxShiftProperty() {
        return maxShift;
    }

    public IntegerProperty threadsProperty() {
        return threads;
    }

    /**
     * The precision training rounds the weights to (quantization-aware training), FP32 for none:
     * the project's {@code quantization.precision}; the choices are {@link QuantizeChoice#CHOICES}.
     */
    public ObjectProperty<Precision> trainForProperty() {
        return trainFor;
    }

    /** What training for the chosen precision does, in one line for the view. */
    public ReadOnlyStringProperty trainForLineProperty() {
        return trainForLine.getReadOnlyProperty();
    }

    /** Why the last change was not saved ("" when it was). */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
