package dev.netloom.app.predict;

import dev.netloom.export.ExportException;
import dev.netloom.export.bundle.BundleInputs;
import dev.netloom.export.bundle.Manifest;
import dev.netloom.export.verify.OnnxSession;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.train.data.image.PictureFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bundle answering queries in ONNX Runtime: each input prepared from {@code manifest.json}'s
 * preprocessing alone ({@link BundleInputs}), as the bundle's own examples prepare it on a device.
 */
final class BundlePredictor implements Predictor {

    private final Path dir;
    private final BundleInputs bundle;
    private final OnnxSession session;
    private final List<InputSlot> slots = new ArrayList<>();

    BundlePredictor(Path dir, int threads) throws IOException {
        this.dir = dir;
        this.bundle = BundleInputs.read(dir);
        Path model = dir.resolve("model.onnx");
        if (!Files.isRegularFile(model)) {
            throw new IOException(dir + ": the bundle has no model.onnx");
        }
        for (Manifest.TensorSpec input : bundle.manifest().inputs()) {
            slots.add(switch (BundleInputs.kind(input)) {
                case "image" -> new InputSlot(input.name(), InputSlot.Kind.PICTURE, List.of(), BundleInputs.column(input));
                case "tokens" -> new InputSlot(input.name(), InputSlot.Kind.TEXT, List.of(), BundleInputs.column(input));
                default -> new InputSlot(input.name(), InputSlot.Kind.ROW, BundleInputs.columns(input));
            });
        }
        try {
            this.session = OnnxSession.open(Files.readAllBytes(model), threads);
        } catch (ExportException e) {
            throw new IOException(model + ": " + e.getMessage());
        }
    }

    @Override
    public List<InputSlot> inputs() {
        return List.copyOf(slots);
    }

    @Override
    public List<String> classes() {
        return bundle.manifest().labels();
    }

    @Override
    public String description() {
        return "bundle " + dir + " (ONNX Runtime, " + bundle.manifest().precision().requested() + ")";
    }

    @Override
    public List<double[]> probabilities(List<Query> queries) {
        List<double[]> out = new ArrayList<>();
        String output = bundle.manifest().outputs().get(0).name();
        for (Query q : queries) {
            Map<String, Tensor> feeds = new LinkedHashMap<>();
            for (int i = 0; i < slots.size(); i++) {
                InputSlot slot = slots.get(i);
                Manifest.TensorSpec spec = bundle.manifest().inputs().get(i);
                Object value = ArtifactPredictor.value(q, slot);
                try {
                    feeds.put(spec.name(), switch (slot.kind()) {
                        case PICTURE -> {
                            PictureFile read = PictureFile.read((Path) value);
                            if (read.problem() != null) {
                                throw new BadInputException(value + ": " + read.problem());
                            }
                            yield bundle.picture(spec, read.picture());
                        }
                        case TEXT -> bundle.text(spec, (String) value);
                        case ROW -> {
                            @SuppressWarnings("unchecked")
                            Map<String, String> cells = (Map<String, String>) value;
                            yield bundle.row(spec, cells);
                        }
                    });
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(q.source() + ": " + e.getMessage());
                }
            }
            Tensor logits;
            try {
                logits = session.run(feeds).get(output);
            } catch (ExportException e) {
                throw new BadInputException(q.source() + ": " + e.getMessage());
            }
            out.add(Prediction.softmax(logits.floats()));
        }
        return out;
    }

    @Override
    public void close() {
        session.close();
    }
}
