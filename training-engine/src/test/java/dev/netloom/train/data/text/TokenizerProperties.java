package dev.netloom.train.data.text;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Any training text, any vocabulary size: the rebuilt tokenizer encodes like the trained one. */
class TokenizerProperties {

    @Property(tries = 200)
    void aRebuiltTokenizerEncodesIdentically(@ForAll @Size(max = 12) List<@StringLength(max = 40) String> training,
                                             @ForAll @Size(max = 6) List<@StringLength(max = 40) String> texts,
                                             @ForAll @IntRange(min = 2, max = 300) int vocabulary,
                                             @ForAll boolean bpe) {
        TokenizerKind kind = bpe ? TokenizerKind.BPE : TokenizerKind.WORD;
        Tokenizer trained = kind.train(training, vocabulary);
        Tokenizer rebuilt = Tokenizer.rebuild(trained.vocabulary(), trained.settings());
        assertThat(trained.vocabulary()).hasSizeLessThanOrEqualTo(vocabulary).startsWith(Tokenizer.PAD, Tokenizer.UNK);
        for (String text : concat(training, texts)) {
            long[] ids = trained.encode(text, 10);
            assertThat(rebuilt.encode(text, 10)).containsExactly(ids);
            for (long id : ids) {
                assertThat(id).isBetween(0L, (long) trained.vocabulary().size() - 1);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
