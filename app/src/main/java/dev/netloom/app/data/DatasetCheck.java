package dev.netloom.app.data;

import dev.netloom.graph.Node;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.analysis.GraphAnalysis;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether a dataset fits the model's inputs and head: a 28×28 grey picture set needs an Image
 * input of 1×28×28; ten labels need a Classification head of 10 classes.
 */
public final class DatasetCheck {

    /**
     * @param fits whether every check passed
     * @param findings one per check, for the user
     */
    public record Result(boolean fits, List<Finding> findings) {
    }

    /** One check: whether it passed, and a sentence saying what was compared. */
    public record Finding(boolean ok, String text) {
    }

    private DatasetCheck() {
    }

    public static Result check(DatasetPreview data, GraphAnalysis analysis) {
        List<Finding> findings = new ArrayList<>();
        boolean fits = true;
        String wantedType = data.isImages() ? "Image" : "Tabular";
        List<Node> inputs = analysis.graph().nodes().stream().filter(n -> n.type().equals(wantedType)).toList();
        String shape = data.exampleShape().stream().map(String::valueOf).collect(Collectors.joining("×"));
        if (inputs.isEmpty()) {
            fits = false;
            findings.add(new Finding(false, "The model has no " + wantedType + " input for these " + (data.isImages()
                    ? "pictures (" + shape + ")" : "rows (" + shape + " features)") + "; add one from the palette."));
        }
        for (Node input : inputs) {
            TensorType t = analysis.report(input.id()).map(r -> r.out()).orElse(null);
            if (t == null) {
                continue;
            }
            String expected = t.dims().stream().map(String::valueOf).collect(Collectors.joining("×"));
            if (t.dims().equals(data.exampleShape())) {
                findings.add(new Finding(true, "Input “" + input.displayName() + "” takes " + expected
                        + ", as the dataset gives."));
            } else {
                fits = false;
                findings.add(new Finding(false, "Input “" + input.displayName() + "” takes " + expected
                        + " but the dataset gives " + shape
                        + (data.isImages() ? "; set its channels, height and width to " + shape.replace("×", ", ")
                        : "; set its features to " + shape) + "."));
            }
        }
        int classes = data.classCounts().size();
        for (Node head : analysis.graph().nodes().stream().filter(n -> n.type().equals("Classification")).toList()) {
            Object declared = analysis.report(head.id()).map(r -> r.params().get("classes")).orElse(null);
            if (declared instanceof Integer c && classes > 0) {
                if (c == classes) {
                    findings.add(new Finding(true, "Head “" + head.displayName() + "” has " + c
                            + " classes, as the labels do."));
                } else {
                    fits = false;
                    findings.add(new Finding(false, "Head “" + head.displayName() + "” has " + c
                            + " classes but the labels have " + classes + "; set its classes to " + classes + "."));
                }
            }
        }
        return new Result(fits, findings);
    }
}
