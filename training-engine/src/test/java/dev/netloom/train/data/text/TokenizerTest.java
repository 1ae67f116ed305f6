package dev.netloom.train.data.text;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenizerTest {

    private static final List<String> TRAINING = List.of(
            "The film was great, truly great!",
            "A dull film; the plot was thin.",
            "Great acting, great music, lower expectations met.",
            "The lowest point: the ending. Don't watch it.");

    @Test
    void wordsAreLowerCasedAndPunctuationStandsAlone() {
        assertThat(Words.of("Don't STOP, now!")).containsExactly("don't", "stop", ",", "now", "!");
    }

    @Test
    void wordTokenizerKeepsTheMostFrequentWordsAfterPadAndUnk() {
        WordTokenizer t = WordTokenizer.train(TRAINING, 6);
        // "great", "the" and "." appear 4 times (ties in alphabetical order), "," 3 times.
        assertThat(t.vocabulary()).containsExactly("[PAD]", "[UNK]", ".", "great", "the", ",");
        assertThat(t.encode("Great THE zebra", 5)).containsExactly(3, 4, 1, 0, 0);
        assertThat(t.encode("the the the the the the", 3)).containsExactly(4, 4, 4);
    }

    @Test
    void bpeLearnsPiecesUpToTheVocabularySizeAndEncodesUnknownWordsFromThem() {
        BpeTokenizer t = BpeTokenizer.train(TRAINING, 60);
        assertThat(t.vocabulary()).hasSize(60).startsWith("[PAD]", "[UNK]").contains("great</w>");
        int[] ids = t.ids("greatest");
        assertThat(ids.length).isGreaterThan(1);
        assertThat(ids).doesNotContain(1);
        assertThat(t.ids("ζ")).containsExactly(1);
        StringBuilder joined = new StringBuilder();
        for (int id : ids) {
            joined.append(t.vocabulary().get(id));
        }
        assertThat(joined.toString()).isEqualTo("greatest</w>");
    }

    @Test
    void bpeStopsWhenNothingIsLeftToMerge() {
        BpeTokenizer t = BpeTokenizer.train(List.of("ab ab"), 1000);
        assertThat(t.vocabulary()).containsExactly("[PAD]", "[UNK]", "a", "b</w>", "ab</w>");
    }

    @ParameterizedTest
    @EnumSource(TokenizerKind.class)
    void aTokenizerRebuiltFromItsSavedVocabularyAndSettingsEncodesIdentically(TokenizerKind kind) throws Exception {
        Tokenizer trained = kind.train(TRAINING, 40);
        // Through JSON, as preprocess.json and vocab.txt store them.
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> settings = json.readValue(json.writeValueAsString(trained.settings()),
                new TypeReference<Map<String, Object>>() { });
        List<String> vocabulary = List.of(String.join("\n", trained.vocabulary()).split("\n"));
        Tokenizer rebuilt = Tokenizer.rebuild(vocabulary, settings);
        for (String text : List.of("The greatest film, truly!", "unseen words here", "", "lowest lower low",
                "Don't watch THE ending...")) {
            assertThat(rebuilt.encode(text, 16)).as(text).containsExactly(trained.encode(text, 16));
        }
    }

    @Test
    void trainingIsDeterministic() {
        assertThat(BpeTokenizer.train(TRAINING, 50).settings()).isEqualTo(BpeTokenizer.train(TRAINING, 50).settings());
        assertThat(WordTokenizer.train(TRAINING, 10).vocabulary())
                .isEqualTo(WordTokenizer.train(TRAINING, 10).vocabulary());
    }

    @Test
    void aDamagedSavedTokenizerIsRefusedWithTheReason() {
        assertThatThrownBy(() -> Tokenizer.rebuild(List.of("[PAD]", "[UNK]"), Map.of("tokenizer", "char")))
                .hasMessage("tokenizer: expected \"word\" or \"bpe\", got char");
        assertThatThrownBy(() -> Tokenizer.rebuild(List.of("a", "b"), Map.of("tokenizer", "word")))
                .hasMessage("vocabulary: must start with [PAD], [UNK]");
        assertThatThrownBy(() -> Tokenizer.rebuild(List.of("[PAD]", "[UNK]", "a"),
                Map.of("tokenizer", "bpe", "merges", List.of(List.of("a", "b")))))
                .hasMessage("merges[0]: [a, b] does not make a vocabulary token");
    }
}
