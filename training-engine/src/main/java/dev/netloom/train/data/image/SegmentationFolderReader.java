package dev.netloom.train.data.image;

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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a segmentation dataset: {@code FOLDER/images/} holds the pictures (PNG or JPEG) and
 * {@code FOLDER/masks/} a PNG mask per picture with the same file stem ({@code images/a.jpg} →
 * {@code masks/a.png}), the class of every pixel (see {@link MaskFile}: grey or palette index, or
 * a colour from {@code palette}). Pictures become the {@code "image"} field at the request's size;
 * masks the {@code "mask"} field ({@link FieldKind#MASK}) at the same height and width, resized by
 * nearest pixel. A picture without its mask, a mask of another size than its picture, or a mask
 * value that is not a class is refused in one line naming the file: a silently dropped or
 * stretched mask would teach the model wrong borders.
 *
 * @param folder the folder holding {@code images/} and {@code masks/}
 * @param classes the class names, in class order (index masks: value i is class i)
 * @param palette colour (0xRRGGBB) to class index, or null for index masks
 */
public record SegmentationFolderReader(Path folder, List<String> classes, Map<Integer, Integer> palette,
                                       double validationFraction, double testFraction) implements DatasetReader {

    /** The field holding the masks. */
    public static final String MASK_FIELD = "mask";

    private static final PictureSize DEFAULT_SIZE = new PictureSize(3, 64, 64);

    public SegmentationFolderReader {
        classes = List.copyOf(classes);
        palette = palette == null ? null : Map.copyOf(palette);
        if (classes.size() < 2) {
            throw new IllegalArgumentException("a segmentation dataset needs at least 2 classes");
        }
    }

    @Override
    public Dataset read(DataRequest request) throws IOException {
        Path images = folder.resolve("images");
        Path masks = folder.resolve("masks");
        if (!Files.isDirectory(images) || !Files.isDirectory(masks)) {
            throw new IOException(folder + ": a segmentation folder holds images/ (the pictures) and masks/ (a mask "
                    + "per picture with the same file name stem)");
        }
        List<Path> pictureFiles = files(images);
        PictureSize size = PictureSize.of(request, DEFAULT_SIZE);
        MemoryBudget.check(folder.toString(), pictureFiles.size(), size.values() + 2L * size.height() * size.width(),
                Float.BYTES);
        DataReport report = new DataReport();
        Fingerprint fingerprint = new Fingerprint().setting("reader", "segmentation-folder");
        int positions = size.height() * size.width();
        List<float[]> pictures = new ArrayList<>();
        List<long[]> labels = new ArrayList<>();
        for (Path file : pictureFiles) {
            PictureFile picture = PictureFile.read(file);
            if (picture.problem() != null) {
                throw new IOException(file + ": " + picture.problem());
            }
            Path maskPath = masks.resolve(stem(file) + ".png");
            if (!Files.isRegularFile(maskPath)) {
                throw new IOException(file + ": no mask " + maskPath + " beside it (a mask has its picture's file name "
                        + "stem, as a PNG)");
            }
            PictureFile mask = PictureFile.read(maskPath);
            if (mask.problem() != null) {
                throw new IOException(maskPath + ": " + mask.problem());
            }
            if (mask.picture().getWidth() != picture.picture().getWidth()
                    || mask.picture().getHeight() != picture.picture().getHeight()) {
                throw new IOException(maskPath + " is " + mask.picture().getWidth() + "x" + mask.picture().getHeight()
                        + " but its picture " + file + " is " + picture.picture().getWidth() + "x"
                        + picture.picture().getHeight() + "; a mask must be the size of its picture");
            }
            float[] values = new float[size.values()];
            PictureConversion.toFloats(picture.picture(), size, values, 0);
            long[] classIds = new long[positions];
            String problem = MaskFile.classes(mask.picture(), palette, classes.size(), size.height(), size.width(),
                    classIds, 0, maskPath.toString());
            if (problem != null) {
                throw new IOException(problem);
            }
            pictures.add(values);
            labels.add(classIds);
            fingerprint.file(file).file(maskPath);
        }
        if (pictures.isEmpty()) {
            throw new IOException(images + ": no PNG or JPEG picture");
        }
        float[] allPictures = new float[pictures.size() * size.values()];
        long[] allMasks = new long[pictures.size() * positions];
        for (int i = 0; i < pictures.size(); i++) {
            System.arraycopy(pictures.get(i), 0, allPictures, i * size.values(), size.values());
            System.arraycopy(labels.get(i), 0, allMasks, i * positions, positions);
        }
        int[] perExample = new int[pictures.size()]; // the labels are the masks; one stratum for the split
        Examples examples = new Examples(List.of(
                Field.floats(ImageFolderReader.FIELD, FieldKind.IMAGE, size.shape(), allPictures),
                Field.mask(MASK_FIELD, new int[] {size.height(), size.width()}, allMasks)), perExample);
        Map<String, Object> preprocessing = new LinkedHashMap<>();
        preprocessing.put(ImageFolderReader.FIELD, size.toMap());
        Splits splits = Splits.of(examples, SplitRows.stratified(perExample, validationFraction, testFraction,
                request.seed())).normalisePictures(preprocessing, request.fitted());
        report.read(pictures.size());
        fingerprint.setting("size", size).setting("classes", classes).setting("palette", palette)
                .setting("validation", validationFraction).setting("test", testFraction).setting("seed", request.seed());
        return new Dataset(folder.getFileName().toString(), splits.train(), splits.validation(), splits.test(), classes,
                preprocessing, List.of(), fingerprint.hex(), report);
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }
}
