package dev.netloom.app.export;

import dev.netloom.app.training.ExpertPruner;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.graph.project.ProjectFile;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The Export view's experts card for a Mixture-of-Experts model: what keeping fewer experts per
 * layer costs in test accuracy and saves in size, measured when asked
 * ({@link ExpertPruner#everyCount}, the same figures as {@code netloom prune-experts --table}).
 * Hidden for models without MoE layers. State changes on the FX thread only.
 */
public final class ExpertsCardModel {

    /** How the rows are measured: in the studio, {@link ExpertsKept#measure}; a test can hand over known rows. */
    public interface Measure {
        /**
         * @param progress one line per row measured
         * @return the model as trained, then with one expert fewer per layer at a time
         */
        List<ExpertPruner.CountRow> measure(Path artifact, Consumer<String> progress) throws Exception;
    }

    private final ProjectFile files;
    private final Executor io;
    private final Executor fx;
    private final Measure measure;
    private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(this, "shown");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyListWrapper<ExpertPruner.CountRow> rows = new ReadOnlyListWrapper<>(this, "rows",
            FXCollections.observableArrayList());
    private Path artifact;

    public ExpertsCardModel(ProjectFile files, Executor io, Executor fx, Measure measure) {
        this.files = files;
        this.io = io;
        this.fx = fx;
        this.measure = measure;
    }

    /** Whether the chosen model has MoE layers (the card is shown only then). */
    public ReadOnlyBooleanProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** True while the rows are measured. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What is being measured, or why measuring failed, in one line. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The measured rows: the model as trained first; empty until measured. */
    public ReadOnlyListProperty<ExpertPruner.CountRow> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    /** The model the view chose (null for none): the card shows for MoE models, its rows cleared. */
    public CompletableFuture<Boolean> show(Path chosen) {
        artifact = chosen;
        rows.clear();
        status.set("");
        if (chosen == null) {
            shown.set(false);
            return CompletableFuture.completedFuture(false);
        }
        return CompletableFuture.supplyAsync(() -> hasExperts(chosen), io).thenApplyAsync(moe -> {
            if (chosen.equals(artifact)) {
                shown.set(moe);
            }
            return moe;
        }, fx);
    }

    /** Measures every number of experts kept, off the FX thread. */
    public CompletableFuture<List<ExpertPruner.CountRow>> measure() {
        Path chosen = artifact;
        busy.set(true);
        status.set("Measuring…");
        return CompletableFuture.supplyAsync(() -> {
            try {
                return measure.measure(chosen, line -> fx.execute(() -> status.set(line)));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, io).whenCompleteAsync((measured, failure) -> {
            busy.set(false);
            if (!chosen.equals(artifact)) {
                return; // another model was chosen meanwhile
            }
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                status.set("Could not measure: " + (cause.getMessage() == null ? "an internal error (see the log)"
                        : cause.getMessage()));
            } else {
                rows.setAll(measured);
                status.set("Measured on the test split, the busiest experts kept, without fine-tuning; "
                        + "netloom prune-experts writes such a model.");
            }
        }, fx);
    }

    private boolean hasExperts(Path dir) {
        try {
            var project = files.read(dir.resolve(dev.netloom.graph.artifact.ArtifactLayout.GRAPH));
            return project.graph().nodes().stream().anyMatch(n -> LayerType.MOE.is(n.type()));
        } catch (Exception e) {
            return false; // the export view says what is wrong with the model
        }
    }
}
