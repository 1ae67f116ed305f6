package dev.netloom.app.conformance;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small generated data for each input kind, in the layouts a user's data comes in: a training set
 * the model learns from and a separate held-out set the bundles' examples score. Easy enough that
 * a tiny model learns it in seconds; varied enough that a preprocessing mistake (raw instead of
 * standardised columns, a wrong grey rule, a shifted token id) changes answers.
 */
final class ConformanceData {

    /**
     * One input kind's project and data.
     *
     * @param name        the kind, as the suite names it
     * @param graph       the model, as a project file's graph
     * @param dataSection the training data, as a project file's data section
     * @param heldOut     data the model never saw, laid out like the training data
     * @param heldOutData the held-out data as a data section, for {@code netloom eval --data ... --all}
     * @param epochs      how long to train (seconds on this data)
     */
    record Kind(String name, String graph, String dataSection, Path heldOut, String heldOutData, int epochs) {
    }

    private ConformanceData() {
    }

    static final String[] SHAPES = {"stripes", "columns", "spots"};

    /** Pictures in class folders; the model reads 16 × 16 grey, the files are colour PNGs of that size. */
    static Kind image(Path dir) throws IOException {
        Random random = new Random(1);
        for (String split : List.of("train", "held-out")) {
            int perClass = split.equals("train") ? 90 : 30;
            for (String shape : SHAPES) {
                Path folder = Files.createDirectories(dir.resolve(split).resolve(shape));
                for (int i = 0; i < perClass; i++) {
                    // Some held-out pictures are stored grey (a PNG of colour type 0), the rest colour.
                    boolean grey = split.equals("held-out") && i % 3 == 0;
                    ImageIO.write(shape(shape, random, grey), "png", folder.resolve(shape + "-" + i + ".png").toFile());
                }
            }
        }
        String graph = nodes(List.of(
                node("image", "Image", "\"height\": 16, \"width\": 16, \"channels\": 1"),
                node("conv", "Conv2d", "\"filters\": 8, \"kernel\": 3, \"stride\": 1, \"padding\": 1"),
                node("conv_act", "Activation", "\"function\": \"ReLU\""),
                node("pool", "MaxPool2d", "\"kernel\": 2, \"stride\": 2"),
                node("flatten", "Flatten", ""),
                node("fc", "Dense", "\"units\": 16"),
                node("fc_act", "Activation", "\"function\": \"ReLU\""),
                node("classes", "Classification", "\"classes\": 3")),
                chain("image", "conv", "conv_act", "pool", "flatten", "fc", "fc_act", "classes"));
        return new Kind("image", graph, "{\"source\": \"image-folder\", \"folder\": \"" + json(dir.resolve("train"))
                + "\", \"validationFraction\": 0.15, \"testFraction\": 0.15}", dir.resolve("held-out"),
                "{\"source\": \"image-folder\", \"folder\": \"" + json(dir.resolve("held-out")) + "\"}", 12);
    }

    private static BufferedImage shape(String shape, Random random, boolean grey) {
        return shape(shape, random, grey, 16);
    }

    /** A size x size picture of stripes, columns or spots in random colours, with a little noise. */
    static BufferedImage shape(String shape, Random random, boolean grey, int size) {
        BufferedImage img = new BufferedImage(size, size, grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        int fg = 0xff000000 | random.nextInt(0x1000000) | 0x808080;
        int bg = 0xff000000 | (random.nextInt(0x1000000) & 0x3f3f3f);
        int phase = random.nextInt(4);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean on = switch (shape) {
                    case "stripes" -> (y + phase) % 4 < 2;
                    case "columns" -> (x + phase) % 4 < 2;
                    default -> (x + phase) % 5 < 2 && (y + phase) % 5 < 2;
                };
                int rgb = on ? fg : bg;
                if (random.nextInt(10) == 0) {
                    rgb ^= 0x101010; // a little noise
                }
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    private static final String[][] TOPICS = {
            {"goal", "match", "team", "score", "league", "coach"},
            {"rain", "sunny", "storm", "wind", "cloud", "snow"},
            {"bread", "soup", "cheese", "recipe", "oven", "salad"}};
    private static final String[] LABELS = {"sport", "weather", "food"};
    private static final String[] FILLER = {"the", "a", "today", "was", "really", "very", "we", "saw", "some", "and",
            "it's", "again", ",", "!", "Über", "café"};

    /** A text CSV (column "review", label "topic"); held-out rows put the columns in another order. */
    static Kind text(Path dir) throws IOException {
        Random random = new Random(2);
        Files.createDirectories(dir);
        writeText(dir.resolve("train.csv"), random, 270, false);
        writeText(dir.resolve("held-out.csv"), random, 90, true);
        String graph = nodes(List.of(
                node("tokens", "Tokens", "\"length\": 12, \"vocabulary\": 64"),
                node("embed", "Embedding", "\"dim\": 16"),
                node("pool", "GlobalAvgPool", ""),
                node("fc", "Dense", "\"units\": 16"),
                node("fc_act", "Activation", "\"function\": \"ReLU\""),
                node("classes", "Classification", "\"classes\": 3")),
                chain("tokens", "embed", "pool", "fc", "fc_act", "classes"));
        return new Kind("tokens", graph, "{\"source\": \"text\", \"file\": \"" + json(dir.resolve("train.csv"))
                + "\", \"text\": \"review\", \"label\": \"topic\", \"tokenizer\": \"word\", \"validationFraction\": 0.15, "
                + "\"testFraction\": 0.15}", dir.resolve("held-out.csv"), "{\"source\": \"text\", \"file\": \""
                + json(dir.resolve("held-out.csv")) + "\", \"text\": \"review\", \"label\": \"topic\"}", 12);
    }

    private static void writeText(Path file, Random random, int rows, boolean heldOut) throws IOException {
        StringBuilder s = new StringBuilder(heldOut ? "id,topic,review\n" : "review,topic\n");
        for (int i = 0; i < rows; i++) {
            int c = i % 3;
            List<String> words = new ArrayList<>();
            int n = 4 + random.nextInt(10); // some texts are longer than the model's 12 tokens
            for (int w = 0; w < n; w++) {
                words.add(random.nextInt(3) == 0 ? TOPICS[c][random.nextInt(6)]
                        : random.nextInt(8) == 0 ? "unseen" + random.nextInt(100) : FILLER[random.nextInt(FILLER.length)]);
            }
            words.add(TOPICS[c][random.nextInt(6)]);
            String text = "\"" + String.join(" ", words).replace("\"", "\"\"") + "\"";
            s.append(heldOut ? i + "," + LABELS[c] + "," + text : text + "," + LABELS[c]).append('\n');
        }
        Files.writeString(file, s, StandardCharsets.UTF_8);
    }

    private static final String[] COLOURS = {"red", "green", "blue"};

    /**
     * A table with number and category columns. The held-out CSV is laid out like the training data
     * but with the columns in another order, the label in the middle and an extra column the model
     * does not know: examples must read columns by name.
     */
    static Kind table(Path dir) throws IOException {
        Random random = new Random(3);
        Files.createDirectories(dir);
        StringBuilder train = new StringBuilder("height,width,colour,weight,class\n");
        StringBuilder held = new StringBuilder("note,colour,class,weight,width,height\n");
        for (int i = 0; i < 480; i++) {
            int c = i % 3;
            double height = 150 + 20 * c + random.nextGaussian() * 4;
            double width = 3.5 + random.nextGaussian();
            String colour = COLOURS[(c + (random.nextInt(5) == 0 ? 1 : 0)) % 3];
            double weight = 60 + 10 * (c == 2 ? 1 : 0) + random.nextGaussian() * 3 + (colour.equals("red") ? 8 : 0);
            String label = "k" + c;
            if (i < 360) {
                train.append(String.format(java.util.Locale.ROOT, "%.2f,%.3f,%s,%.1f,%s%n", height, width, colour, weight,
                        label));
            } else {
                held.append(String.format(java.util.Locale.ROOT, "\"row %d, seen\",%s,%s,%.1f,%.3f,%.2f%n", i, colour,
                        label, weight, width, height));
            }
        }
        Files.writeString(dir.resolve("train.csv"), train);
        Files.writeString(dir.resolve("held-out.csv"), held);
        String graph = nodes(List.of(
                node("row", "Tabular", "\"features\": 6"),
                node("fc", "Dense", "\"units\": 16"),
                node("fc_act", "Activation", "\"function\": \"ReLU\""),
                node("classes", "Classification", "\"classes\": 3")),
                chain("row", "fc", "fc_act", "classes"));
        return new Kind("table", graph, "{\"source\": \"csv\", \"file\": \"" + json(dir.resolve("train.csv"))
                + "\", \"label\": \"class\", \"validationFraction\": 0.15, \"testFraction\": 0.15}",
                dir.resolve("held-out.csv"), "{\"source\": \"csv\", \"file\": \"" + json(dir.resolve("held-out.csv"))
                + "\", \"label\": \"class\"}", 12);
    }

    /** A manifest of (picture, question, answer): is the square in the picture the colour asked about? */
    static Kind imageText(Path dir) throws IOException {
        Random random = new Random(4);
        Path pictures = Files.createDirectories(dir.resolve("pictures"));
        for (String split : List.of("train", "held-out")) {
            int rows = split.equals("train") ? 320 : 80;
            StringBuilder s = new StringBuilder("picture,question,answer\n");
            for (int i = 0; i < rows; i++) {
                int colour = random.nextInt(3);
                int asked = random.nextBoolean() ? colour : random.nextInt(3);
                BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
                int x0 = random.nextInt(8), y0 = random.nextInt(8);
                int rgb = switch (colour) {
                    case 0 -> 0xd02020;
                    case 1 -> 0x20c040;
                    default -> 0x2040e0;
                };
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        boolean in = x >= x0 && x < x0 + 8 && y >= y0 && y < y0 + 8;
                        img.setRGB(x, y, in ? rgb : 0x303030 + random.nextInt(16));
                    }
                }
                String name = split + "-" + i + ".png";
                ImageIO.write(img, "png", pictures.resolve(name).toFile());
                String question = (random.nextBoolean() ? "Is the square " : "is this box ") + COLOURS[asked]
                        + (random.nextBoolean() ? "?" : " ?");
                s.append("pictures/").append(name).append(',').append(question).append(',')
                        .append(asked == colour ? "yes" : "no").append('\n');
            }
            Files.writeString(dir.resolve(split + ".csv"), s);
        }
        String graph = nodes(List.of(
                node("image", "Image", "\"height\": 16, \"width\": 16, \"channels\": 3"),
                node("conv", "Conv2d", "\"filters\": 8, \"kernel\": 3, \"stride\": 1, \"padding\": 1"),
                node("conv_act", "Activation", "\"function\": \"ReLU\""),
                node("pool", "GlobalAvgPool", ""),
                node("question", "Tokens", "\"length\": 8, \"vocabulary\": 48"),
                node("embed", "Embedding", "\"dim\": 8"),
                node("qpool", "GlobalAvgPool", ""),
                node("join", "Concat", ""),
                node("fc", "Dense", "\"units\": 16"),
                node("fc_act", "Activation", "\"function\": \"ReLU\""),
                node("classes", "Classification", "\"classes\": 2")),
                chain("image", "conv", "conv_act", "pool") + ", " + chain("question", "embed", "qpool")
                        + ", {\"from\": \"pool.out\", \"to\": \"join.a\"}, {\"from\": \"qpool.out\", \"to\": \"join.b\"}, "
                        + chain("join", "fc", "fc_act", "classes"));
        return new Kind("image+text", graph, "{\"source\": \"manifest\", \"file\": \"" + json(dir.resolve("train.csv"))
                + "\", \"image\": \"picture\", \"text\": \"question\", \"label\": \"answer\", \"tokenizer\": \"bpe\", "
                + "\"validationFraction\": 0.15, \"testFraction\": 0.15}", dir.resolve("held-out.csv"),
                "{\"source\": \"manifest\", \"file\": \"" + json(dir.resolve("held-out.csv")) + "\", \"image\": \"picture\", "
                + "\"text\": \"question\", \"label\": \"answer\", \"tokenizer\": \"bpe\"}", 30);
    }

    /** A project file with this graph and data section. */
    static String project(Kind kind) {
        return "{\"schemaVersion\": 1, \"name\": \"conformance " + kind.name() + "\", \"description\": \"\", \"graph\": "
                + kind.graph() + ", \"data\": " + kind.dataSection()
                + ", \"training\": {\"epochs\": " + kind.epochs() + ", \"batchSize\": 16, \"learningRate\": 0.01, \"seed\": 7}}";
    }

    static String node(String id, String type, String params) {
        return "{\"id\": \"" + id + "\", \"type\": \"" + type + "\", \"position\": {\"x\": 0.0, \"y\": 0.0}, \"params\": {"
                + params + "}}";
    }

    static String nodes(List<String> nodes, String edges) {
        return "{\"nodes\": [" + String.join(", ", nodes) + "], \"edges\": [" + edges + "]}";
    }

    static String chain(String... ids) {
        List<String> edges = new ArrayList<>();
        for (int i = 0; i + 1 < ids.length; i++) {
            edges.add("{\"from\": \"" + ids[i] + ".out\", \"to\": \"" + ids[i + 1] + ".in\"}");
        }
        return String.join(", ", edges);
    }

    static String json(Path p) {
        return p.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
