package dev.netloom.train.data.qa;

import dev.netloom.train.data.DataReport;
import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.DatasetReader;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.Fingerprint;
import dev.netloom.train.data.MemoryBudget;
import dev.netloom.train.data.SplitRows;
import dev.netloom.train.data.Splits;
import dev.netloom.train.data.idx.IdxPair;
import dev.netloom.train.data.idx.LabelledPictures;
import dev.netloom.train.data.image.PictureSize;
import dev.netloom.train.data.text.TextField;
import dev.netloom.train.data.text.Tokenizer;
import dev.netloom.train.data.text.TokenizerKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Yes/no questions about real Fashion-MNIST pictures ("is this footwear?", "is this a bag?"),
 * built so that the answer needs both: each class is shown equally often and asked its true
 * question half the time, and the false questions are spread ({@link QuestionBalance}) so that
 * every question is true half the time too. Training and validation come from the
 * {@code train-*} files, test from the {@code t10k-*} files when the folder has them.
 *
 * <p>Its report counts the source pictures read, not the examples generated from them.
 *
 * @param folder holds {@code train-images-idx3-ubyte.gz} and the other Fashion-MNIST files
 * @param examples how many training and validation examples to generate
 * @param testExamples how many test examples to generate
 * @param validationFraction share of {@code examples} for validation
 */
public record FashionQa(Path folder, int examples, int testExamples, double validationFraction)
        implements DatasetReader {

    /** Changes whenever the same files and seed would generate different data; part of the fingerprint. */
    public static final int VERSION = 1;
    /** The answers, in label order. */
    public static final List<String> ANSWERS = List.of("no", "yes");

    private static final QuestionBalance BALANCE = new QuestionBalance(ClothingGroup.STANDARD, 10);

    /** The Fashion-MNIST training pair in {@code folder}. */
    public static IdxPair trainPair(Path folder) {
        return new IdxPair(folder.resolve("train-images-idx3-ubyte.gz"), folder.resolve("train-labels-idx1-ubyte.gz"));
    }

    /** The Fashion-MNIST test pair in {@code folder}. */
    public static IdxPair testPair(Path folder) {
        return new IdxPair(folder.resolve("t10k-images-idx3-ubyte.gz"), folder.resolve("t10k-labels-idx1-ubyte.gz"));
    }

    @Override
    public Dataset read(DataRequest request) throws IOException {
        DataReport report = new DataReport();
        PictureSize size = request.imageHeight() > 0 ? PictureSize.of(request, null) : null;
        LabelledPictures train = trainPair(folder).read(size, 10, report);
        IdxPair testPair = testPair(folder);
        boolean ownTest = Files.isRegularFile(testPair.images()) && Files.isRegularFile(testPair.labels());
        LabelledPictures test = ownTest ? testPair.read(train.size(), 10, report) : train;
        MemoryBudget.check("fashion-qa", examples + (ownTest ? (long) testExamples : 0), train.size().values(),
                Float.BYTES);
        Random random = new Random(request.seed());
        Generated generated = new Generated(examples, ownTest ? testExamples : 0);
        generate(train, false, examples, random, generated);
        if (ownTest) {
            generate(test, true, testExamples, random, generated);
        }
        int[] labels = generated.labels.stream().mapToInt(Integer::intValue).toArray();
        // Without the source's test files, a tenth of the generated examples is held out for test instead.
        SplitRows inTrain = SplitRows.stratified(java.util.Arrays.copyOf(labels, examples), validationFraction,
                ownTest ? 0 : 0.1, request.seed());
        int[] testRows = ownTest ? java.util.stream.IntStream.range(examples, labels.length).toArray() : inTrain.test();
        SplitRows rows = new SplitRows(inTrain.train(), inTrain.validation(), testRows);
        TextField text = TextField.of("question", TokenizerKind.WORD, request, 8, 64);
        Tokenizer tokenizer = text.tokenizer(generated.questions, rows.train(), request.fitted());
        Examples all = new Examples(List.of(generated.pictures(train, ownTest ? test : null),
                text.encode(tokenizer, generated.questions)), labels);
        Map<String, Object> preprocessing = new LinkedHashMap<>();
        preprocessing.put("image", train.size().toMap());
        preprocessing.put("question", text.preprocessing(tokenizer));
        Splits splits = Splits.of(all, rows).normalisePictures(preprocessing, request.fitted());
        if (request.fitted() != null) {
            splits = request.fitted().relabel(splits, ANSWERS, "fashion-qa", report);
        }
        Fingerprint fingerprint = new Fingerprint().setting("generator", "fashion-qa").setting("version", VERSION);
        trainPair(folder).fingerprint(fingerprint);
        if (ownTest) {
            testPair.fingerprint(fingerprint);
        }
        fingerprint.setting("examples", examples).setting("testExamples", testExamples).setting("seed", request.seed())
                .setting("size", train.size()).setting("text", text).setting("validation", validationFraction);
        return new Dataset("Fashion QA (seed " + request.seed() + ", " + examples + " examples)", splits.train(),
                splits.validation(), splits.test(), request.fitted() != null ? request.fitted().classes() : ANSWERS,
                preprocessing, tokenizer.vocabulary(), fingerprint.hex(),
                report);
    }

    /** Appends {@code count} examples drawn from {@code source}. */
    private static void generate(LabelledPictures source, boolean test, int count, Random random, Generated out) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < source.count(); i++) {
            byClass.get(source.labels()[i]).add(i);
        }
        List<Integer> present = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            if (!byClass.get(c).isEmpty()) {
                present.add(c);
            }
        }
        for (int n = 0; n < count; n++) {
            int c = present.get(random.nextInt(present.size()));
            List<Integer> pictures = byClass.get(c);
            int picture = pictures.get(random.nextInt(pictures.size()));
            boolean yes = random.nextBoolean();
            int group = yes ? groupOf(c) : pick(BALANCE.falseQuestions(c), random);
            List<String> phrasings = ClothingGroup.STANDARD.get(group).phrasings();
            out.add(test, picture, phrasings.get(random.nextInt(phrasings.size())), yes ? 1 : 0);
        }
    }

    private static int groupOf(int c) {
        for (int g = 0; g < ClothingGroup.STANDARD.size(); g++) {
            if (ClothingGroup.STANDARD.get(g).classes().contains(c)) {
                return g;
            }
        }
        throw new IllegalStateException("class " + c + " is in no group");
    }

    private static int pick(double[] weights, Random random) {
        double u = random.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** The examples generated so far: which source picture each shows, its question and answer. */
    private static final class Generated {
        final int[] fromTrain;
        final int[] fromTest;
        int trainCount;
        int testCount;
        final List<String> questions = new ArrayList<>();
        final List<Integer> labels = new ArrayList<>();

        Generated(int trainCapacity, int testCapacity) {
            this.fromTrain = new int[trainCapacity];
            this.fromTest = new int[testCapacity];
        }

        void add(boolean test, int picture, String question, int answer) {
            if (test) {
                fromTest[testCount++] = picture;
            } else {
                fromTrain[trainCount++] = picture;
            }
            questions.add(question);
            labels.add(answer);
        }

        /**
         * The pictures in order, picked from the sources as they are held (the files' bytes unless
         * resized): the training examples come first, then the test examples.
         */
        Field pictures(LabelledPictures train, LabelledPictures test) {
            List<Field> parts = new ArrayList<>();
            parts.add(train.pictures().select(java.util.Arrays.copyOf(fromTrain, trainCount)).named("image"));
            if (test != null) {
                parts.add(test.pictures().select(java.util.Arrays.copyOf(fromTest, testCount)).named("image"));
            }
            return Field.concat(parts);
        }
    }
}
