package dev.netloom.train.data.text;

import java.util.List;
import java.util.Map;

/**
 * Turns text into token ids. A tokenizer is trained on the training split only; its
 * {@link #vocabulary()} (tokens in id order, written to {@code vocab.txt}) and {@link #settings()}
 * (written to {@code preprocess.json}) are all it takes to {@link #rebuild rebuild} one that
 * encodes every text identically, as export and evaluation need.
 *
 * <p>Id 0 is {@value #PAD} (padding), id 1 is {@value #UNK} (anything not in the vocabulary).
 */
public interface Tokenizer {

    /** The padding token, id 0. */
    String PAD = "[PAD]";
    /** The unknown token, id 1. */
    String UNK = "[UNK]";

    /** The token ids of a text, unpadded. */
    int[] ids(String text);

    /** Tokens in id order. */
    List<String> vocabulary();

    /** What, besides the vocabulary, decides the encoding: JSON-able. */
    Map<String, Object> settings();

    /** The ids of {@code text}, cut or padded with {@value #PAD} to {@code length}. */
    default long[] encode(String text, int length) {
        long[] out = new long[length];
        encodeInto(text, out, 0, length);
        return out;
    }

    /** Writes the ids of {@code text}, cut or padded to {@code length}, into {@code out} at {@code offset}. */
    default void encodeInto(String text, long[] out, int offset, int length) {
        int[] ids = ids(text);
        for (int i = 0; i < length; i++) {
            out[offset + i] = i < ids.length ? ids[i] : 0;
        }
    }

    /**
     * A tokenizer that encodes exactly as the one that saved {@code vocabulary} and
     * {@code settings}.
     *
     * @throws IllegalArgumentException naming what is wrong when the saved parts do not fit together
     */
    static Tokenizer rebuild(List<String> vocabulary, Map<String, Object> settings) {
        Object kind = settings.get("tokenizer");
        if (TokenizerKind.WORD.key().equals(kind)) {
            return WordTokenizer.rebuild(vocabulary);
        }
        if (TokenizerKind.BPE.key().equals(kind)) {
            return BpeTokenizer.rebuild(vocabulary, settings);
        }
        throw new IllegalArgumentException("tokenizer: expected \"word\" or \"bpe\", got " + kind);
    }
}
