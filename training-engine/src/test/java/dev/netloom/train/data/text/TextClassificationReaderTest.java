package dev.netloom.train.data.text;

import dev.netloom.train.data.DataIssue;
import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.Examples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextClassificationReaderTest {

    private static final DataRequest REQUEST = new DataRequest(0, 0, 0, 6, 500, 0, 5);

    @TempDir
    Path dir;

    /** Review i starts with a one-letter marker word (a CJK ideograph) used by no other review. */
    private static String review(int i) {
        return marker(i) + " " + (i % 2 == 0 ? "a great film, loved it" : "a dull film, hated it");
    }

    private static String marker(int i) {
        return String.valueOf((char) ('\u4e00' + i));
    }

    private static String label(int i) {
        return i % 2 == 0 ? "pos" : "neg";
    }

    private Path jsonl(String... extra) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            s.append("{\"text\": \"").append(review(i)).append("\", \"label\": \"").append(label(i)).append("\"}\n");
        }
        for (String line : extra) {
            s.append(line).append('\n');
        }
        Path file = dir.resolve("reviews.jsonl");
        Files.writeString(file, s);
        return file;
    }

    @ParameterizedTest
    @EnumSource(TokenizerKind.class)
    void theTokenizerLearnsFromTheTrainingSplitOnly(TokenizerKind kind) throws IOException {
        Dataset d = new TextClassificationReader(jsonl(), "text", "label", kind, List.of(), 0.25, 0.25).read(REQUEST);
        assertThat(d.classes()).containsExactly("neg", "pos");
        assertThat(d.train().size()).isEqualTo(20);
        assertThat(d.train().field("text").orElseThrow().shape()).containsExactly(6);
        // Markers of validation and test reviews were never seen in training: they encode to [UNK].
        for (Examples split : List.of(d.validation(), d.test())) {
            long[] ids = split.field("text").orElseThrow().ids();
            for (int e = 0; e < split.size(); e++) {
                assertThat(ids[e * 6]).isEqualTo(1L);
            }
        }
        long[] ids = d.train().field("text").orElseThrow().ids();
        for (int e = 0; e < d.train().size(); e++) {
            assertThat(ids[e * 6]).isNotEqualTo(1L);
        }
        String end = kind == TokenizerKind.BPE ? BpeTokenizer.END : "";
        long markersKnown = java.util.stream.IntStream.range(0, 40)
                .filter(i -> d.vocabulary().contains(marker(i) + end)).count();
        assertThat(markersKnown).isEqualTo(20);
    }

    @Test
    void badJsonLinesEmptyTextsAndUnknownLabelsAreSkippedByLine() throws IOException {
        Path file = jsonl("{\"text\": \"fine\", \"label\": \"meh\"}", "not json", "[1, 2]", "{\"text\": \"\", \"label\": \"pos\"}",
                "{\"text\": [\"x\"], \"label\": \"pos\"}", "", "{\"label\": \"pos\"}");
        Dataset d = new TextClassificationReader(file, "text", "label", TokenizerKind.WORD, List.of("neg", "pos"), 0, 0)
                .read(REQUEST);
        assertThat(d.train().size()).isEqualTo(40);
        assertThat(d.report().issues()).extracting(DataIssue::row).containsExactlyInAnyOrder(41L, 42L, 43L, 44L, 45L, 47L);
        assertThat(d.report().issues()).extracting(DataIssue::reason).contains("unknown label \"meh\"",
                "not a JSON object", "\"text\" must be text or a number", "empty text in \"text\"");
    }

    @Test
    void csvTextsWithQuotedCommasAreRead() throws IOException {
        StringBuilder s = new StringBuilder("label,text\n");
        for (int i = 0; i < 20; i++) {
            s.append(label(i)).append(",\"").append(review(i)).append("\"\n");
        }
        Path file = dir.resolve("reviews.csv");
        Files.writeString(file, s);
        Dataset d = new TextClassificationReader(file, "text", "label", TokenizerKind.BPE, List.of(), 0.2, 0.2)
                .read(REQUEST);
        assertThat(d.train().size() + d.validation().size() + d.test().size()).isEqualTo(20);
        assertThat(d.vocabulary()).contains("film</w>");
        assertThat(d.report().skippedCount()).isZero();
    }

    @Test
    void nothingUsableIsOneLineNamingTheFile() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 'x', '\n'});
        assertThatThrownBy(() -> new TextClassificationReader(file, "text", "label", TokenizerKind.WORD, List.of(), 0, 0)
                .read(REQUEST)).isInstanceOf(IOException.class)
                .hasMessage(file + ": no readable row (first problem: " + file + ":1: not UTF-8 text from here on)");
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n\n");
        assertThatThrownBy(() -> new TextClassificationReader(empty, "text", "label", TokenizerKind.BPE, List.of(), 0, 0)
                .read(REQUEST)).isInstanceOf(IOException.class).hasMessage(empty + ": no readable row");
        Path noText = dir.resolve("notext.jsonl");
        Files.writeString(noText, "{\"body\": \"x\", \"label\": \"a\"}\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new TextClassificationReader(noText, "text", "label", TokenizerKind.WORD, List.of(), 0,
                0).read(REQUEST)).hasMessage(noText + ": no column \"text\" (columns: body, label)");
    }
}
