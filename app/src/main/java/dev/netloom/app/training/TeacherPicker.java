package dev.netloom.app.training;

import dev.netloom.app.studio.StudioStyle;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Train view's "Teacher" row: a trained model to distil from (a model folder, typed or
 * chosen), the temperature and the distillation weight; and the line that shows the teacher's
 * accuracy beside the student's curves. Everything is bound to the {@link TrainViewModel}.
 */
final class TeacherPicker {

    private TeacherPicker() {
    }

    /** The row of settings; {@code choose} asks for a model folder (a chooser in the studio, scripted in tests). */
    static HBox row(TrainViewModel model, Supplier<Optional<Path>> choose) {
        TextField path = new TextField();
        path.setId("train-teacher");
        path.setPromptText("none: the model learns from the labels alone");
        path.setPrefColumnCount(26);
        path.setText(model.teacherProperty().get() == null ? "" : model.teacherProperty().get().toString());
        model.teacherProperty().addListener((o, was, now) -> path.setText(now == null ? "" : now.toString()));
        path.textProperty().addListener((o, was, now) -> {
            Path chosen = now.isBlank() ? null : Path.of(now.strip());
            if (!java.util.Objects.equals(chosen, model.teacherProperty().get())) {
                model.teacherProperty().set(chosen);
            }
        });
        Button pick = new Button("Choose…");
        pick.setId("train-teacher-choose");
        pick.setOnAction(e -> choose.get().ifPresent(model.teacherProperty()::set));
        Button none = new Button("None");
        none.setId("train-teacher-clear");
        none.setOnAction(e -> model.teacherProperty().set(null));
        Spinner<Double> temperature = spinner("train-temperature", 0.5, 100, 0.5, model.temperatureProperty().asObject());
        Spinner<Double> weight = spinner("train-distill-weight", 0, 1, 0.1, model.distillWeightProperty().asObject());
        var noTeacher = model.teacherProperty().isNull();
        temperature.disableProperty().bind(noTeacher);
        weight.disableProperty().bind(noTeacher);
        Label label = new Label("Teacher");
        label.getStyleClass().add(TrainStyle.FIELD_LABEL);
        Label t = new Label("Temperature");
        t.getStyleClass().add(TrainStyle.FIELD_LABEL);
        Label w = new Label("Weight");
        w.getStyleClass().add(TrainStyle.FIELD_LABEL);
        HBox row = new HBox(8, label, path, pick, none, t, temperature, w, weight);
        HBox.setHgrow(path, Priority.SOMETIMES);
        row.setAlignment(Pos.CENTER_LEFT);
        row.disableProperty().bind(Bindings.createBooleanBinding(() -> model.stateProperty().get().busy(),
                model.stateProperty()));
        return row;
    }

    /** "Teacher: 91.3% on the validation split" (or each of an ensemble's), shown while a run has teachers. */
    static Label accuracyLine(TrainViewModel model) {
        Label line = new Label();
        line.setId("train-teacher-accuracy");
        line.getStyleClass().add(StudioStyle.MUTED);
        line.setWrapText(true);
        line.textProperty().bind(Bindings.createStringBinding(() -> text(model.adaptationProperty().get()),
                model.adaptationProperty()));
        line.visibleProperty().bind(line.textProperty().isNotEmpty());
        line.managedProperty().bind(line.visibleProperty());
        return line;
    }

    static String text(AdaptationReport r) {
        if (r == null || r.teachers().isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder(r.teachers().size() == 1 ? "Teacher: " : "Teachers: ");
        for (int i = 0; i < r.teachers().size(); i++) {
            AdaptationReport.Teacher t = r.teachers().get(i);
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f%%", t.validationAccuracy() * 100))
                    .append(" (").append(Path.of(t.path()).getFileName()).append(")");
        }
        return s.append(" validation accuracy, beside the student's curves").toString();
    }

    private static Spinner<Double> spinner(String id, double min, double max, double step, ObjectProperty<Double> value) {
        Spinner<Double> s = new Spinner<>(min, max, value.get(), step);
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(90);
        SpinnerValueFactory<Double> f = s.getValueFactory();
        f.valueProperty().bindBidirectional(value);
        s.getProperties().put("value", value); // a bidirectional binding to asObject() is weak on its side
        return s;
    }
}
