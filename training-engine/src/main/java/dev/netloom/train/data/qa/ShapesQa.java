package dev.netloom.train.data.qa;

import dev.netloom.train.data.DataReport;
import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.DatasetReader;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;
import dev.netloom.train.data.Fingerprint;
import dev.netloom.train.data.MemoryBudget;
import dev.netloom.train.data.SplitRows;
import dev.netloom.train.data.Splits;
import dev.netloom.train.data.image.PictureSize;
import dev.netloom.train.data.text.TextField;
import dev.netloom.train.data.text.Tokenizer;
import dev.netloom.train.data.text.TokenizerKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A generated visual question answering set that needs no files: each picture shows one
 * coloured shape (circle, square or triangle; red, green, blue or yellow; random size and
 * place, on a dark noisy background), and each question about it can only be answered by
 * looking at both: "what colour is the shape?", "what shape is it?", "is the shape red?", "is it
 * a circle?". Yes/no questions are true half the time. The same settings and seed always give
 * the same set.
 *
 * @param examples how many examples to generate
 * @param validationFraction share for validation
 * @param testFraction share for test
 */
public record ShapesQa(int examples, double validationFraction, double testFraction) implements DatasetReader {

    /** Changes whenever the same seed would generate different data; part of the fingerprint. */
    public static final int VERSION = 1;

    /** The colours, with their RGB values. */
    public static final List<String> COLOURS = List.of("red", "green", "blue", "yellow");
    /** The shapes. */
    public static final List<String> SHAPES = List.of("circle", "square", "triangle");
    /** Every answer, in label order. */
    public static final List<String> ANSWERS = List.of("red", "green", "blue", "yellow", "circle", "square", "triangle",
            "yes", "no");

    private static final float[][] RGB = {{0.9f, 0.1f, 0.1f}, {0.1f, 0.8f, 0.2f}, {0.15f, 0.3f, 0.95f},
        {0.95f, 0.85f, 0.1f}};
    private static final PictureSize DEFAULT_SIZE = new PictureSize(3, 32, 32);

    public ShapesQa {
        if (examples < 1) {
            throw new IllegalArgumentException("examples must be at least 1, got " + examples);
        }
    }

    @Override
    public Dataset read(DataRequest request) throws IOException {
        PictureSize size = PictureSize.of(request, DEFAULT_SIZE);
        MemoryBudget.check("shapes-qa", examples, size.values(), Float.BYTES);
        Random random = new Random(request.seed());
        float[] pixels = new float[Math.multiplyExact(examples, size.values())];
        List<String> questions = new ArrayList<>(examples);
        int[] labels = new int[examples];
        float[] colour = new float[3];
        for (int i = 0; i < examples; i++) {
            int c = random.nextInt(COLOURS.size());
            int s = random.nextInt(SHAPES.size());
            float[] rgb = RGB[c];
            // A little brightness change, so that colour is a range and not a single value.
            float shade = 0.85f + 0.15f * random.nextFloat();
            for (int k = 0; k < 3; k++) {
                colour[k] = Math.min(1f, rgb[k] * shade);
            }
            draw(SHAPES.get(s), colour, size, random, pixels, i * size.values());
            ask(c, s, random, questions, labels, i);
        }
        TextField text = TextField.of("question", TokenizerKind.WORD, request, 8, 64);
        SplitRows rows = SplitRows.stratified(labels, validationFraction, testFraction, request.seed());
        Tokenizer tokenizer = text.tokenizer(questions, rows.train(), request.fitted());
        Examples all = new Examples(List.of(Field.floats("image", FieldKind.IMAGE, size.shape(), pixels),
                text.encode(tokenizer, questions)), labels);
        Map<String, Object> preprocessing = new LinkedHashMap<>();
        preprocessing.put("image", size.toMap());
        preprocessing.put("question", text.preprocessing(tokenizer));
        DataReport report = new DataReport();
        Splits splits = Splits.of(all, rows).normalisePictures(preprocessing, request.fitted());
        if (request.fitted() != null) {
            splits = request.fitted().relabel(splits, ANSWERS, "shapes-qa", report);
        }
        report.read(splits.train().size() + splits.validation().size() + splits.test().size());
        String fingerprint = new Fingerprint().setting("generator", "shapes-qa").setting("version", VERSION)
                .setting("examples", examples).setting("seed", request.seed()).setting("size", size)
                .setting("text", text).setting("validation", validationFraction).setting("test", testFraction).hex();
        return new Dataset("Shapes QA (seed " + request.seed() + ", " + examples + " examples)", splits.train(),
                splits.validation(), splits.test(), request.fitted() != null ? request.fitted().classes() : ANSWERS,
                preprocessing, tokenizer.vocabulary(), fingerprint, report);
    }

    private static void ask(int colour, int shape, Random random, List<String> questions, int[] labels, int i) {
        boolean yes = random.nextBoolean();
        switch (random.nextInt(4)) {
            case 0 -> {
                questions.add(random.nextBoolean() ? "what colour is the shape?" : "what color is it?");
                labels[i] = colour;
            }
            case 1 -> {
                questions.add(random.nextBoolean() ? "what shape is it?" : "which shape is in the picture?");
                labels[i] = COLOURS.size() + shape;
            }
            case 2 -> {
                int asked = yes ? colour : other(colour, COLOURS.size(), random);
                questions.add("is the shape " + COLOURS.get(asked) + "?");
                labels[i] = ANSWERS.indexOf(yes ? "yes" : "no");
            }
            default -> {
                int asked = yes ? shape : other(shape, SHAPES.size(), random);
                questions.add("is it a " + SHAPES.get(asked) + "?");
                labels[i] = ANSWERS.indexOf(yes ? "yes" : "no");
            }
        }
    }

    private static int other(int value, int count, Random random) {
        int o = random.nextInt(count - 1);
        return o >= value ? o + 1 : o;
    }

    /** Draws straight into the channels-first array: far faster than a Graphics2D per picture. */
    private static void draw(String shape, float[] colour, PictureSize size, Random random, float[] out, int offset) {
        int h = size.height();
        int w = size.width();
        float side = Math.min(h, w);
        float r = side * (0.15f + 0.15f * random.nextFloat());
        float cx = r + random.nextFloat() * (w - 2 * r);
        float cy = r + random.nextFloat() * (h - 2 * r);
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            float py = y + 0.5f;
            for (int x = 0; x < w; x++) {
                float px = x + 0.5f;
                boolean inside = switch (shape) {
                    case "circle" -> (px - cx) * (px - cx) + (py - cy) * (py - cy) <= r * r;
                    case "square" -> Math.abs(px - cx) <= 0.85f * r && Math.abs(py - cy) <= 0.85f * r;
                    default -> py >= cy - r && py <= cy + r && Math.abs(px - cx) <= (py - (cy - r)) / 2f;
                };
                float noise = 0.05f * random.nextFloat();
                int i = offset + y * w + x;
                if (size.channels() == 1) {
                    float grey = 0.299f * colour[0] + 0.587f * colour[1] + 0.114f * colour[2];
                    out[i] = inside ? grey : 0.1f + noise;
                } else {
                    for (int c = 0; c < 3; c++) {
                        out[i + c * plane] = inside ? colour[c] : 0.1f + noise;
                    }
                }
            }
        }
    }
}
