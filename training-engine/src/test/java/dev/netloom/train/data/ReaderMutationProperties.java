package dev.netloom.train.data;

import dev.netloom.train.data.idx.IdxFixture;
import dev.netloom.train.data.idx.IdxPair;
import dev.netloom.train.data.idx.IdxReader;
import dev.netloom.train.data.table.CsvTableReader;
import dev.netloom.train.data.text.TextClassificationReader;
import dev.netloom.train.data.text.TokenizerKind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged files never escape a reader as anything but a dataset with a report or an
 * {@link IOException} whose message is one line naming the file.
 */
class ReaderMutationProperties {

    private static final DataRequest REQUEST = new DataRequest(0, 0, 0, 8, 100, 0, 1);
    private static Path dir;
    private static byte[] images;
    private static byte[] labels;
    private static byte[] csv;
    private static byte[] jsonl;

    /** A change to a file: overwrite, delete or insert a byte at a position (modulo the length). */
    record Mutation(int kind, int position, byte value) {

        byte[] apply(byte[] in) {
            if (in.length == 0) {
                return kind == 2 ? new byte[] {value} : in;
            }
            int at = Math.floorMod(position, in.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(in, 0, at);
            switch (kind) {
                case 0 -> {
                    out.write(value);
                    out.write(in, at + 1, in.length - at - 1);
                }
                case 1 -> out.write(in, at + 1, in.length - at - 1);
                case 2 -> {
                    out.write(value);
                    out.write(in, at, in.length - at);
                }
                default -> { }
            }
            return out.toByteArray();
        }
    }

    @BeforeContainer
    static void files() throws IOException {
        dir = Files.createTempDirectory("netloom-mutations");
        int[] classes = IdxFixture.cycle(12, 3);
        images = IdxFixture.pictures(classes, 3, 4);
        labels = IdxFixture.labels(classes);
        StringBuilder table = new StringBuilder("size,colour,kind\n");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            table.append(i * 1.5).append(',').append(i % 2 == 0 ? "red" : "\"dark, blue\"").append(',')
                    .append(i % 3).append('\n');
            lines.append("{\"text\": \"review ").append(i).append(" was \\\"fine\\\"\", \"label\": \"")
                    .append(i % 2 == 0 ? "pos" : "neg").append("\"}\n");
        }
        csv = table.toString().getBytes(StandardCharsets.UTF_8);
        jsonl = lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    @AfterContainer
    static void clean() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 400), Arbitraries.bytes()).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(6);
    }

    private static byte[] mutate(byte[] in, List<Mutation> mutations) {
        byte[] out = in;
        for (Mutation m : mutations) {
            out = m.apply(out);
        }
        return out;
    }

    @Property(tries = 300)
    void damagedIdxFilesGiveAReportOrOneLine(@ForAll("mutations") List<Mutation> mutations, @ForAll boolean gzip,
                                             @ForAll boolean damageLabels) throws IOException {
        byte[] pictures = damageLabels ? images : mutate(images, mutations);
        byte[] classes = damageLabels ? mutate(labels, mutations) : labels;
        Path picturesFile = Files.write(dir.resolve("images"), gzip ? mutate(IdxFixture.gzip(images), mutations)
                : pictures);
        Path labelsFile = Files.write(dir.resolve("labels"), classes);
        expectReportOrOneLine(new IdxReader("d", new IdxPair(picturesFile, labelsFile), null, List.of("a", "b", "c"),
                0.2, 0.2), picturesFile, labelsFile);
    }

    @Property(tries = 300)
    void damagedCsvTablesGiveAReportOrOneLine(@ForAll("mutations") List<Mutation> mutations) throws IOException {
        Path file = Files.write(dir.resolve("table.csv"), mutate(csv, mutations));
        expectReportOrOneLine(new CsvTableReader(file, "kind", List.of(), 0.2, 0.2), file, file);
    }

    @Property(tries = 300)
    void damagedJsonlTextsGiveAReportOrOneLine(@ForAll("mutations") List<Mutation> mutations, @ForAll boolean bpe)
            throws IOException {
        Path file = Files.write(dir.resolve("texts.jsonl"), mutate(jsonl, mutations));
        expectReportOrOneLine(new TextClassificationReader(file, "text", "label",
                bpe ? TokenizerKind.BPE : TokenizerKind.WORD, List.of(), 0.2, 0.2), file, file);
    }

    private static void expectReportOrOneLine(DatasetReader reader, Path file, Path other) {
        try {
            Dataset d = reader.read(REQUEST);
            assertThat(d.train().size() + d.validation().size() + d.test().size())
                    .isEqualTo(d.report().readCount());
            assertThat(d.train().size()).isPositive();
        } catch (IOException e) {
            assertThat(e.getMessage()).doesNotContain("\n").satisfiesAnyOf(
                    m -> assertThat(m).startsWith(file.toString()), m -> assertThat(m).startsWith(other.toString()));
        }
    }
}
