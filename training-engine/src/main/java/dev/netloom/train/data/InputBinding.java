package dev.netloom.train.data;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.catalog.LayerType;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which dataset field feeds which graph input, decided and checked before training: with one
 * input and one field of a kind they go together; with several, an input takes the field named
 * like its id or its label. Shapes, token lengths, vocabulary sizes and feature counts must
 * agree, or binding is refused with one line naming the input.
 *
 * @param fieldOfInput by input node id, the name of the field that feeds it
 */
public record InputBinding(Map<String, String> fieldOfInput) {

    public InputBinding {
        fieldOfInput = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fieldOfInput));
    }

    /**
     * Binds the dataset's fields to the graph's inputs.
     *
     * @throws InputMismatchException one line naming the input and what differs
     */
    public static InputBinding bind(GraphAnalysis analysis, Dataset dataset) throws InputMismatchException {
        List<ModelInput> inputs = ModelInput.of(analysis);
        if (inputs.isEmpty()) {
            throw new InputMismatchException("the graph has no input node");
        }
        checkClasses(analysis, dataset);
        Map<String, String> bound = new LinkedHashMap<>();
        for (ModelInput input : inputs) {
            List<Field> candidates = dataset.train().fields(input.kind());
            long sameKind = inputs.stream().filter(i -> i.kind() == input.kind()).count();
            Field field = pick(input, candidates, sameKind);
            check(input, field, dataset);
            bound.put(input.nodeId(), field.name());
        }
        return new InputBinding(bound);
    }

    /** The fields feeding the given inputs, in that order (a model's input order). */
    public List<String> fieldsFor(List<String> inputIds) {
        return inputIds.stream().map(id -> {
            String field = fieldOfInput.get(id);
            if (field == null) {
                throw new IllegalArgumentException("input " + id + " is not bound to a field");
            }
            return field;
        }).toList();
    }

    /** The fields feeding the graph's inputs, in graph order (the order a compiled model takes them). */
    public List<String> fieldsInGraphOrder(GraphAnalysis analysis) {
        return fieldsFor(analysis.graph().nodes().stream().map(n -> n.id()).filter(fieldOfInput::containsKey).toList());
    }

    /** What the graph's inputs need from a dataset; the first input of each kind decides. */
    public static DataRequest request(GraphAnalysis analysis, long seed) {
        int c = 0;
        int h = 0;
        int w = 0;
        int length = 0;
        int vocabulary = 0;
        int features = 0;
        for (ModelInput input : ModelInput.of(analysis)) {
            int[] s = input.shape();
            if (input.kind() == FieldKind.IMAGE && c == 0) {
                c = s[0];
                h = s[1];
                w = s[2];
            } else if (input.kind() == FieldKind.TOKENS && length == 0) {
                length = s[0];
                vocabulary = input.type().vocabulary();
            } else if (input.kind() == FieldKind.FEATURES && features == 0) {
                features = s[0];
            }
        }
        return new DataRequest(c, h, w, length, vocabulary, features, seed);
    }

    /** A Classification head must predict exactly the dataset's classes, or its answers would mean nothing. */
    private static void checkClasses(GraphAnalysis analysis, Dataset dataset) throws InputMismatchException {
        for (var report : analysis.reports().values()) {
            if (report.spec().layerType().equals(LayerType.CLASSIFICATION)
                    || report.spec().layerType().equals(LayerType.PER_POSITION_CLASSIFICATION)) {
                int classes = (Integer) report.params().get("classes");
                if (classes != dataset.classes().size()) {
                    String names = String.join(", ", dataset.classes().subList(0, Math.min(12, dataset.classes().size())))
                            + (dataset.classes().size() > 12 ? ", ..." : "");
                    throw new InputMismatchException("head " + report.node().id() + " predicts " + classes
                            + " classes, the dataset has " + dataset.classes().size() + " (" + names + "); set its classes to "
                            + dataset.classes().size());
                }
            }
        }
    }

    private static Field pick(ModelInput input, List<Field> candidates, long sameKind) throws InputMismatchException {
        if (candidates.isEmpty()) {
            throw new InputMismatchException("input " + input.nodeId() + " expects " + describe(input.kind())
                    + ", the dataset has none");
        }
        if (candidates.size() == 1 && sameKind == 1) {
            return candidates.get(0);
        }
        for (Field f : candidates) {
            if (f.name().equals(input.nodeId()) || f.name().equals(input.label())) {
                return f;
            }
        }
        throw new InputMismatchException("input " + input.nodeId() + " expects " + describe(input.kind())
                + " from a field named \"" + input.nodeId() + "\" or \"" + input.label() + "\", the dataset has "
                + String.join(", ", candidates.stream().map(Field::name).toList()));
    }

    private static void check(ModelInput input, Field field, Dataset dataset) throws InputMismatchException {
        int[] want = input.shape();
        int[] got = field.shape();
        String name = "input " + input.nodeId();
        switch (input.kind()) {
            case IMAGE -> {
                if (!Arrays.equals(want, got)) {
                    throw new InputMismatchException(name + " expects pictures of " + Arrays.toString(want)
                            + ", the dataset gives " + Arrays.toString(got));
                }
            }
            case TOKENS -> {
                if (want[0] != got[0]) {
                    throw new InputMismatchException(name + " expects " + want[0] + " tokens per text, the dataset gives "
                            + got[0]);
                }
                if (dataset.vocabulary().size() > input.type().vocabulary()) {
                    throw new InputMismatchException(name + " has a vocabulary of " + input.type().vocabulary()
                            + " tokens, the dataset's tokenizer has " + dataset.vocabulary().size());
                }
            }
            case FEATURES -> {
                if (want[0] != got[0]) {
                    throw new InputMismatchException(name + " expects " + want[0] + " features, the dataset gives "
                            + got[0] + " (numbers plus one-hot categories)");
                }
            }
        }
    }

    private static String describe(FieldKind kind) {
        return switch (kind) {
            case IMAGE -> "pictures";
            case TOKENS -> "token ids";
            case FEATURES -> "table rows";
            case MASK -> "masks";
        };
    }
}
