package dev.netloom.train.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.train.data.audio.AudioFolderReader;
import dev.netloom.train.data.audio.LogMelSettings;
import dev.netloom.train.data.idx.IdxPair;
import dev.netloom.train.data.idx.IdxReader;
import dev.netloom.train.data.image.ImageFolderReader;
import dev.netloom.train.data.image.SegmentationFolderReader;
import dev.netloom.train.data.multimodal.ManifestReader;
import dev.netloom.train.data.qa.FashionQa;
import dev.netloom.train.data.qa.ShapesQa;
import dev.netloom.train.data.table.CsvTableReader;
import dev.netloom.train.data.text.TextClassificationReader;
import dev.netloom.train.data.text.TokenizerKind;

import java.nio.file.Path;
import java.util.List;

/**
 * Builds the reader a project file's {@code data} section asks for. The formats are documented
 * in {@code training-engine/README.md} ("Data"); every setting is checked here, before any file
 * is opened, and a bad one is refused with its JSON path.
 */
public final class DataSources {

    /** Where Debian's dataset-fashion-mnist package puts the files. */
    public static final String FASHION_MNIST_FOLDER = "/usr/share/datasets/fashion-mnist";

    /** The sources, by their name in {@code data.source}. */
    public static final List<String> SOURCES = List.of("idx", "fashion-mnist", "shapes-qa", "fashion-qa", "csv",
            "image-folder", "audio-folder", "segmentation-folder", "text", "manifest");

    private DataSources() {
    }

    /**
     * The reader for {@code data}.
     *
     * @param data the project file's {@code data} section
     * @param projectFolder relative paths are resolved against it
     * @throws DataSectionException one line naming the JSON path of the first bad setting
     */
    public static DatasetReader reader(JsonNode data, Path projectFolder) throws DataSectionException {
        DataSection s = new DataSection(data, projectFolder);
        String source = s.requiredText("source", "one of " + String.join(", ", SOURCES));
        Long seed = s.optionalLong("seed");
        DatasetReader reader = switch (source) {
            case "idx" -> idx(s);
            case "fashion-mnist" -> fashionMnist(s);
            case "shapes-qa" -> {
                double[] f = s.fractions(0.1, 0.1);
                yield new ShapesQa(s.wholeNumber("examples", 1, 10_000_000, 2000), f[0], f[1]);
            }
            case "fashion-qa" -> {
                Path folder = s.resolve("folder", s.text("folder", FASHION_MNIST_FOLDER));
                int examples = s.wholeNumber("examples", 1, 10_000_000, 20_000);
                int test = s.wholeNumber("testExamples", 1, 10_000_000, Math.max(1, examples / 5));
                yield new FashionQa(folder, examples, test, s.fraction("validationFraction", 0.1));
            }
            case "csv" -> {
                Path file = s.path("file", "the CSV file, relative to the project folder");
                String label = s.text("label", "label");
                List<String> classes = s.texts("classes");
                double[] f = s.fractions(0.1, 0.1);
                yield new CsvTableReader(file, label, classes, f[0], f[1]);
            }
            case "image-folder" -> {
                Path folder = s.path("folder", "the folder with one sub-folder of pictures per class");
                boolean allowEmpty = s.bool("allowEmptyClasses", false);
                double[] f = s.fractions(0.1, 0.1);
                yield new ImageFolderReader(folder, f[0], f[1], allowEmpty);
            }
            case "audio-folder" -> {
                Path folder = s.path("folder", "the folder with one sub-folder of WAV files per class");
                LogMelSettings d = LogMelSettings.DEFAULTS;
                int rate = s.wholeNumber("sampleRate", 1000, 192_000, d.sampleRate());
                int window = s.wholeNumber("windowMs", 1, 10_000, d.windowMs());
                int hop = s.wholeNumber("hopMs", 1, 10_000, d.hopMs());
                int mels = s.wholeNumber("mels", 1, 256, d.mels());
                int clip = s.wholeNumber("clipMs", 1, 600_000, d.clipMs());
                if (window > clip) {
                    throw new DataSectionException("data.windowMs: the window (" + window + " ms) must fit in the clip ("
                            + clip + " ms, data.clipMs)");
                }
                double[] f = s.fractions(0.1, 0.1);
                yield new AudioFolderReader(folder, new LogMelSettings(rate, window, hop, mels, clip), f[0], f[1]);
            }
            case "segmentation-folder" -> {
                Path folder = s.path("folder", "the folder holding images/ and masks/");
                List<String> classes = s.texts("classes");
                if (classes.size() < 2) {
                    throw new DataSectionException("data.classes: a segmentation dataset names its classes in order "
                            + "(at least 2; index masks: value i is class i)");
                }
                java.util.Map<Integer, Integer> palette = palette(s.texts("palette"), classes);
                double[] f = s.fractions(0.1, 0.1);
                yield new SegmentationFolderReader(folder, classes, palette, f[0], f[1]);
            }
            case "text" -> {
                Path file = s.path("file", "the CSV or JSONL file, relative to the project folder");
                String text = s.text("text", "text");
                String label = s.text("label", "label");
                TokenizerKind tokenizer = tokenizer(s);
                List<String> classes = s.texts("classes");
                double[] f = s.fractions(0.1, 0.1);
                yield new TextClassificationReader(file, text, label, tokenizer, classes, f[0], f[1]);
            }
            case "manifest" -> {
                Path file = s.path("file", "the CSV or JSONL manifest, relative to the project folder");
                String image = s.text("image", "image");
                String text = s.text("text", "text");
                String label = s.text("label", "label");
                TokenizerKind tokenizer = tokenizer(s);
                List<String> classes = s.texts("classes");
                double[] f = s.fractions(0.1, 0.1);
                yield new ManifestReader(file, image, text, label, tokenizer, classes, f[0], f[1]);
            }
            default -> throw new DataSectionException("data.source: unknown source \"" + source + "\"; one of "
                    + String.join(", ", SOURCES));
        };
        s.finish(source);
        return seed == null ? reader : new FixedSeedReader(reader, seed);
    }

    /** A colour per class ("#rrggbb", in class order) as colour → class; null when no palette is given. */
    private static java.util.Map<Integer, Integer> palette(List<String> colours, List<String> classes)
            throws DataSectionException {
        if (colours.isEmpty()) {
            return null;
        }
        if (colours.size() != classes.size()) {
            throw new DataSectionException("data.palette: " + colours.size() + (colours.size() == 1 ? " colour" : " colours")
                    + " for " + classes.size()
                    + " classes; give one colour per class, in the order of data.classes");
        }
        java.util.Map<Integer, Integer> palette = new java.util.LinkedHashMap<>();
        for (int i = 0; i < colours.size(); i++) {
            String c = colours.get(i);
            if (!c.matches("#[0-9a-fA-F]{6}")) {
                throw new DataSectionException("data.palette[" + i + "]: must be a colour written #rrggbb, got \""
                        + (c.length() > 20 ? c.substring(0, 17) + "..." : c) + "\"");
            }
            palette.put(Integer.parseInt(c.substring(1), 16), i);
        }
        return palette;
    }

    /**
     * {@code data} with no validation or test share taken out of the source, so that every example
     * lands in the training split (a source's own test files stay its test split): for scoring a
     * whole source with a trained model. Sections that are not objects are returned as they are
     * (the reader refuses them).
     */
    public static JsonNode unsplit(JsonNode data) {
        if (data == null || !data.isObject()) {
            return data;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = ((com.fasterxml.jackson.databind.node.ObjectNode) data)
                .deepCopy();
        String source = data.path("source").asText("");
        if (List.of("fashion-mnist", "fashion-qa").contains(source)) {
            copy.put("validationFraction", 0.0);
        } else if (SOURCES.contains(source)) {
            copy.put("validationFraction", 0.0);
            copy.put("testFraction", 0.0);
        }
        return copy;
    }

    private static DatasetReader idx(DataSection s) throws DataSectionException {
        Path images = s.path("images", "the idx3 pictures file, relative to the project folder");
        Path labels = s.path("labels", "the idx1 labels file, relative to the project folder");
        Path testImages = s.optionalPath("testImages");
        Path testLabels = s.optionalPath("testLabels");
        if ((testImages == null) != (testLabels == null)) {
            throw new DataSectionException(testImages == null
                    ? "data.testImages: missing; testLabels needs its pictures file"
                    : "data.testLabels: missing; testImages needs its labels file");
        }
        List<String> classes = s.texts("classes");
        String name = s.text("name", images.getFileName().toString());
        double[] f = s.fractions(0.1, 0.1);
        return new IdxReader(name, new IdxPair(images, labels),
                testImages == null ? null : new IdxPair(testImages, testLabels),
                classes.isEmpty() ? IdxReader.DIGITS : classes, f[0], f[1]);
    }

    private static DatasetReader fashionMnist(DataSection s) throws DataSectionException {
        Path folder = s.resolve("folder", s.text("folder", FASHION_MNIST_FOLDER));
        double validation = s.fraction("validationFraction", 0.1);
        return new IdxReader("Fashion-MNIST", FashionQa.trainPair(folder), FashionQa.testPair(folder),
                IdxReader.FASHION_CLASSES, validation, 0);
    }

    private static TokenizerKind tokenizer(DataSection s) throws DataSectionException {
        String name = s.text("tokenizer", "word");
        return TokenizerKind.named(name).orElseThrow(() -> new DataSectionException(
                "data.tokenizer: must be \"word\" or \"bpe\", got \"" + name + "\""));
    }
}
