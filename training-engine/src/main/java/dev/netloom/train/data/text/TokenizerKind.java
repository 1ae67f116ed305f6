package dev.netloom.train.data.text;

import java.util.List;

/** The tokenizers a dataset can use, by their name in the project file. */
public enum TokenizerKind {
    /** Whole words and punctuation marks; the most frequent words of the training text. */
    WORD("word"),
    /** Byte-pair encoding: word pieces merged from characters, learned on the training text. */
    BPE("bpe");

    private final String key;

    TokenizerKind(String key) {
        this.key = key;
    }

    /** The name in project files and {@code preprocess.json}. */
    public String key() {
        return key;
    }

    /** The kind named {@code key}, if any. */
    public static java.util.Optional<TokenizerKind> named(String key) {
        for (TokenizerKind k : values()) {
            if (k.key.equals(key)) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }

    /** Learns a tokenizer of at most {@code vocabulary} tokens from training texts. */
    public Tokenizer train(List<String> texts, int vocabulary) {
        return switch (this) {
            case WORD -> WordTokenizer.train(texts, vocabulary);
            case BPE -> BpeTokenizer.train(texts, vocabulary);
        };
    }
}
