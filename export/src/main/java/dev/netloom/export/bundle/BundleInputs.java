package dev.netloom.export.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.graph.artifact.Tensor;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw inputs (a picture, a text, a table row) into the tensors a bundle's {@code model.onnx}
 * takes, from {@code manifest.json}'s preprocessing alone, as the bundle's examples do: nothing of
 * the training engine is used, so this is also a check that the manifest says enough.
 *
 * <p>The keys it reads, per input: {@code kind} ({@code image}, {@code tokens}, {@code table});
 * pictures: {@code channels}, {@code height}, {@code width}, per-channel {@code mean} and
 * {@code std} (pixels are scaled to [0, 1], resized bilinearly, grey by BT.601 luma, then
 * standardised); text: {@code length}, {@code tokenizer} ({@code word}: words and single
 * punctuation marks, lower-cased unless {@code lowercase} is false; {@code bpe}: those words cut
 * into characters, the last with {@code wordEnd}, then {@code merges} applied in rank order) with
 * {@code vocab.txt}, {@code padId} (0) after the text, {@code unknownId} (1); tables:
 * {@code columns[]} with {@code name}, {@code type} ({@code number}: {@code (x - mean) / std} in
 * float32; {@code category}: one-hot over {@code categories}). The rules are those of
 * {@code docs/bundle-format.md}.
 * Bad input is one line naming the column or what is missing, as an {@link IllegalArgumentException}.
 */
public final class BundleInputs {

    /** How the bundle's tokenizers cut text (Netloom's Words). */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:'[\\p{L}\\p{N}]+)*|[^\\s\\p{L}\\p{N}]");

    private final Manifest manifest;
    private final List<String> vocabulary;
    private final Map<String, Integer> ids = new HashMap<>();

    /**
     * @param manifest the bundle's manifest
     * @param vocabulary {@code vocab.txt}'s tokens in id order, empty without text
     */
    public BundleInputs(Manifest manifest, List<String> vocabulary) {
        this.manifest = manifest;
        this.vocabulary = List.copyOf(vocabulary);
        for (int i = 0; i < vocabulary.size(); i++) {
            ids.putIfAbsent(vocabulary.get(i), i);
        }
    }

    /**
     * Reads a bundle folder's {@code manifest.json} and {@code vocab.txt}.
     *
     * @throws IOException one line naming the file at fault
     */
    public static BundleInputs read(Path bundle) throws IOException {
        Path manifestFile = bundle.resolve(BundleLayout.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IOException(bundle + ": not a bundle folder (no " + BundleLayout.MANIFEST + ")");
        }
        Manifest manifest;
        try {
            manifest = ManifestFile.parse(Files.readAllBytes(manifestFile), manifestFile.toString());
        } catch (ManifestFormatException e) {
            throw new IOException(e.getMessage());
        }
        Path vocab = bundle.resolve("vocab.txt");
        return new BundleInputs(manifest, Files.isRegularFile(vocab)
                ? Files.readAllLines(vocab, StandardCharsets.UTF_8) : List.of());
    }

    public Manifest manifest() {
        return manifest;
    }

    /** {@code image}, {@code tokens} or {@code table}: what an input reads. */
    public static String kind(Manifest.TensorSpec input) {
        return InputKind.of(input).key;
    }

    /**
     * The column a picture's path or a text is read from in a CSV or JSONL file laid out like the
     * training data: {@code preprocessing.column}, else the input's name.
     */
    public static String column(Manifest.TensorSpec input) {
        return input.preprocessing().path("column").asText(input.name());
    }

    /** A table input's column names, in input order; empty for other inputs. */
    public static List<String> columns(Manifest.TensorSpec input) {
        List<String> out = new ArrayList<>();
        input.preprocessing().path("columns").forEach(c -> out.add(c.path("name").asText()));
        return out;
    }

    /** A picture as one example of {@code input}: [1, C, H, W]. */
    public Tensor picture(Manifest.TensorSpec input, BufferedImage picture) {
        JsonNode pre = input.preprocessing();
        int c = pre.path("channels").asInt(dim(input, 1));
        int h = pre.path("height").asInt(dim(input, 2));
        int w = pre.path("width").asInt(dim(input, 3));
        if (c != 1 && c != 3 || h < 1 || w < 1) {
            throw new IllegalArgumentException("input " + input.name() + ": the manifest gives no picture size");
        }
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(picture, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        List<Double> mean = InputKind.numbers(pre, "mean");
        List<Double> std = InputKind.numbers(pre, "std");
        float[] out = new float[c * h * w];
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = rgb.getRGB(x, y);
                float r = ((p >> 16) & 0xff) / 255f;
                float gr = ((p >> 8) & 0xff) / 255f;
                float b = (p & 0xff) / 255f;
                if (c == 1) {
                    out[y * w + x] = 0.299f * r + 0.587f * gr + 0.114f * b;
                } else {
                    out[y * w + x] = r;
                    out[plane + y * w + x] = gr;
                    out[2 * plane + y * w + x] = b;
                }
            }
        }
        for (int ch = 0; ch < c; ch++) {
            float m = ch < mean.size() ? mean.get(ch).floatValue() : 0f;
            float s = ch < std.size() ? std.get(ch).floatValue() : 1f;
            for (int i = ch * plane; i < (ch + 1) * plane; i++) {
                out[i] = (out[i] - m) / s;
            }
        }
        return Tensor.of(out, 1, c, h, w);
    }

    /** A text as one example of {@code input}: [1, L] token ids. */
    public Tensor text(Manifest.TensorSpec input, String text) {
        JsonNode pre = input.preprocessing();
        int length = pre.path("length").asInt(dim(input, 1));
        if (length < 1) {
            throw new IllegalArgumentException("input " + input.name() + ": the manifest gives no token length");
        }
        if (vocabulary.isEmpty()) {
            throw new IllegalArgumentException("input " + input.name() + ": the bundle has no vocab.txt");
        }
        List<String> pieces = new ArrayList<>();
        Matcher m = WORD.matcher(pre.path("lowercase").asBoolean(true) ? text.toLowerCase(Locale.ROOT) : text);
        boolean bpe = "bpe".equals(pre.path("tokenizer").asText());
        List<String[]> merges = bpe ? merges(pre) : List.of();
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < merges.size(); i++) {
            // Tokens never hold spaces (words are cut at them), so a space separates a pair unambiguously.
            ranks.putIfAbsent(merges.get(i)[0] + " " + merges.get(i)[1], i);
        }
        String end = pre.path("wordEnd").asText("</w>");
        while (m.find()) {
            if (bpe) {
                pieces.addAll(bpeWord(m.group(), merges, ranks, end));
            } else {
                pieces.add(m.group());
            }
        }
        long pad = pre.path("padId").asLong(0);
        long unknown = pre.path("unknownId").asLong(1);
        long[] out = new long[length];
        for (int i = 0; i < length; i++) {
            out[i] = i < pieces.size() ? ids.getOrDefault(pieces.get(i), (int) unknown) : pad;
        }
        return Tensor.ofLongs(out, 1, length);
    }

    /**
     * A table row (cells by column name) as one example of {@code input}: [1, F].
     *
     * @throws IllegalArgumentException naming the column whose cell is missing, not a number or an unknown category
     */
    public Tensor row(Manifest.TensorSpec input, Map<String, String> cells) {
        JsonNode columns = input.preprocessing().path("columns");
        if (!columns.isArray() || columns.isEmpty()) {
            throw new IllegalArgumentException("input " + input.name() + ": the manifest lists no table columns");
        }
        List<Float> values = new ArrayList<>();
        for (JsonNode c : columns) {
            String name = c.path("name").asText();
            String cell = cells.getOrDefault(name, "").trim();
            if (cell.isEmpty()) {
                throw new IllegalArgumentException("column \"" + name + "\": no value");
            }
            if ("number".equals(c.path("type").asText())) {
                double v;
                try {
                    v = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    v = Double.NaN;
                }
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("column \"" + name + "\": \"" + cell + "\" is not a number");
                }
                // In float32, as the training engine computes it (docs/bundle-format.md).
                values.add(((float) v - (float) c.path("mean").asDouble(0)) / (float) c.path("std").asDouble(1));
            } else {
                List<String> categories = new ArrayList<>();
                c.path("categories").forEach(k -> categories.add(k.asText()));
                int at = categories.indexOf(cell);
                if (at < 0) {
                    throw new IllegalArgumentException("column \"" + name + "\": \"" + cell
                            + "\" is not a category the model knows (" + String.join(", ", categories) + ")");
                }
                for (int k = 0; k < categories.size(); k++) {
                    values.add(k == at ? 1f : 0f);
                }
            }
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return Tensor.of(out, 1, out.length);
    }

    private static int dim(Manifest.TensorSpec input, int axis) {
        return axis < input.shape().size() ? (int) Math.max(0, input.shape().get(axis)) : 0;
    }

    /** The merge list of a BPE tokenizer, as [left, right] pairs in rank order. */
    private static List<String[]> merges(JsonNode pre) {
        List<String[]> merges = new ArrayList<>();
        for (JsonNode m : pre.path("merges")) {
            merges.add(new String[] {m.path(0).asText(), m.path(1).asText()});
        }
        return merges;
    }

    /** A word's byte-pair pieces: characters (the last with the word end), merged by rank. */
    private List<String> bpeWord(String word, List<String[]> merges, Map<String, Integer> ranks, String end) {
        int[] points = word.codePoints().toArray();
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            String s = new String(points, i, 1) + (i == points.length - 1 ? end : "");
            symbols.add(ids.containsKey(s) ? s : "[UNK]");
        }
        while (symbols.size() > 1) {
            int best = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Integer r = ranks.get(symbols.get(i) + " " + symbols.get(i + 1));
                if (r != null && r < best) {
                    best = r;
                }
            }
            if (best == Integer.MAX_VALUE) {
                break;
            }
            String[] pair = merges.get(best);
            for (int i = 0; i + 1 < symbols.size(); i++) {
                if (symbols.get(i).equals(pair[0]) && symbols.get(i + 1).equals(pair[1])) {
                    symbols.set(i, pair[0] + pair[1]);
                    symbols.remove(i + 1);
                }
            }
        }
        return symbols;
    }
}
