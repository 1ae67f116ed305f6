package dev.netloom.app.predict;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.train.artifact.ModelArtifact;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;
import dev.netloom.train.data.FittedPreprocessing;
import dev.netloom.train.data.Normalisation;
import dev.netloom.train.data.image.PictureConversion;
import dev.netloom.train.data.image.PictureFile;
import dev.netloom.train.data.image.PictureSize;
import dev.netloom.train.data.table.FittedTable;
import dev.netloom.train.data.text.Tokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A model artifact answering queries through the training engine's forward pass, each input
 * prepared with the artifact's own preprocessing ({@link FittedPreprocessing}): the picture size
 * and channel statistics, the tokenizer, the table columns.
 */
final class ArtifactPredictor implements Predictor {

    /** Queries run through the model this many at a time. */
    private static final int BATCH = 256;

    private final Path dir;
    private final ModelArtifact.Loaded loaded;
    private final FittedPreprocessing fitted;
    private final List<Input> inputs = new ArrayList<>();

    /** An input with what it needs to encode a value. */
    private record Input(InputSlot slot, String field, int[] shape, Normalisation normalisation, Tokenizer tokenizer,
                         FittedTable table) {
    }

    ArtifactPredictor(Path dir, ProjectFile files) throws IOException {
        this.dir = dir;
        this.loaded = ModelArtifact.load(dir, files);
        try {
            this.fitted = loaded.fitted();
            for (JsonNode in : loaded.preprocess().path("inputs")) {
                String field = in.path("field").asText();
                int[] shape = new int[in.path("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = in.path("shape").get(i).asInt();
                }
                String kind = String.valueOf(fitted.field(field).map(m -> m.get("kind")).orElse(""));
                // A manifest laid out like the training data names the column; else the field's name.
                String column = String.valueOf(fitted.field(field).map(m -> m.getOrDefault("column", field)).orElse(field));
                inputs.add(switch (kind) {
                    case "image" -> new Input(new InputSlot(field, InputSlot.Kind.PICTURE, List.of(), column), field,
                            shape, fitted.normalisation(field).orElse(null), null, null);
                    case "tokens" -> new Input(new InputSlot(field, InputSlot.Kind.TEXT, List.of(), column), field, shape,
                            null,
                            fitted.tokenizer(field).orElseThrow(() -> new IOException(dir + ": no tokenizer for " + field)),
                            null);
                    case "table" -> {
                        FittedTable table = fitted.table(field).orElseThrow(
                                () -> new IOException(dir + ": no table columns for " + field));
                        yield new Input(new InputSlot(field, InputSlot.Kind.ROW, table.names()), field, shape, null,
                                null, table);
                    }
                    default -> throw new IOException(dir.resolve(dev.netloom.graph.artifact.ArtifactLayout.PREPROCESS) + ": input " + in.path("node").asText()
                            + " reads field \"" + field + "\", whose preprocessing is not recorded");
                });
            }
        } catch (IOException | RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    @Override
    public List<InputSlot> inputs() {
        return inputs.stream().map(Input::slot).toList();
    }

    @Override
    public List<String> classes() {
        return loaded.classes();
    }

    @Override
    public String description() {
        return "model " + dir + " (training engine)";
    }

    @Override
    public List<double[]> probabilities(List<Query> queries) {
        List<double[]> out = new ArrayList<>(queries.size());
        for (int from = 0; from < queries.size(); from += BATCH) {
            List<Query> batch = queries.subList(from, Math.min(queries.size(), from + BATCH));
            List<Field> fields = new ArrayList<>();
            for (Input input : inputs) {
                fields.add(encode(input, batch));
            }
            Examples examples = new Examples(fields, new int[batch.size()]);
            float[][] logits = loaded.model().predict(examples, IntStream.range(0, batch.size()).toArray());
            for (float[] row : logits) {
                out.add(Prediction.softmax(row));
            }
        }
        return out;
    }

    private static Field encode(Input input, List<Query> batch) {
        int size = 1;
        for (int d : input.shape()) {
            size *= d;
        }
        switch (input.slot().kind()) {
            case PICTURE -> {
                PictureSize picture = new PictureSize(input.shape()[0], input.shape()[1], input.shape()[2]);
                float[] values = new float[batch.size() * size];
                for (int i = 0; i < batch.size(); i++) {
                    Path file = (Path) value(batch.get(i), input.slot());
                    PictureFile read = PictureFile.read(file);
                    if (read.problem() != null) {
                        throw new BadInputException(file + ": " + read.problem());
                    }
                    PictureConversion.toFloats(read.picture(), picture, values, i * size);
                }
                Field field = Field.floats(input.field(), FieldKind.IMAGE, input.shape(), values);
                return input.normalisation() == null ? field : input.normalisation().apply(field);
            }
            case TEXT -> {
                long[] ids = new long[batch.size() * size];
                for (int i = 0; i < batch.size(); i++) {
                    input.tokenizer().encodeInto((String) value(batch.get(i), input.slot()), ids, i * size, size);
                }
                return Field.tokens(input.field(), size, ids);
            }
            default -> {
                float[] values = new float[batch.size() * size];
                for (int i = 0; i < batch.size(); i++) {
                    @SuppressWarnings("unchecked")
                    Map<String, String> cells = (Map<String, String>) value(batch.get(i), input.slot());
                    String problem = input.table().encode(cells, values, i * size);
                    if (problem != null) {
                        throw new BadInputException(batch.get(i).source() + ": " + problem);
                    }
                }
                return Field.floats(input.field(), FieldKind.FEATURES, input.shape(), values);
            }
        }
    }

    static Object value(Query query, InputSlot slot) {
        Object v = query.values().get(slot.name());
        if (v == null) {
            throw new BadInputException(query.source() + ": no value for input \"" + slot.name() + "\"");
        }
        return v;
    }

    @Override
    public void close() {
        loaded.close();
    }
}
