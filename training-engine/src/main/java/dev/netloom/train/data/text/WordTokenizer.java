package dev.netloom.train.data.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One token per word or punctuation mark ({@link Words}); the vocabulary is {@value #PAD},
 * {@value #UNK}, then the training text's most frequent words (ties in alphabetical order, so
 * training is deterministic).
 */
public final class WordTokenizer implements Tokenizer {

    private final List<String> vocabulary;
    private final Map<String, Integer> ids = new HashMap<>();

    private WordTokenizer(List<String> vocabulary) {
        this.vocabulary = List.copyOf(vocabulary);
        for (int i = 0; i < vocabulary.size(); i++) {
            if (ids.put(vocabulary.get(i), i) != null) {
                throw new IllegalArgumentException("vocabulary: token \"" + vocabulary.get(i) + "\" appears twice");
            }
        }
    }

    /** Learns the most frequent words of {@code texts}, at most {@code size - 2} of them. */
    public static WordTokenizer train(List<String> texts, int size) {
        if (size < 2) {
            throw new IllegalArgumentException("a vocabulary needs room for [PAD] and [UNK], got size " + size);
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            for (String w : Words.of(text)) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        List<String> vocabulary = new ArrayList<>(List.of(PAD, UNK));
        counts.entrySet().stream()
                .filter(e -> !e.getKey().equals(PAD) && !e.getKey().equals(UNK))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(size - 2L)
                .forEach(e -> vocabulary.add(e.getKey()));
        return new WordTokenizer(vocabulary);
    }

    /** The tokenizer that saved {@code vocabulary}. */
    public static WordTokenizer rebuild(List<String> vocabulary) {
        if (vocabulary.size() < 2 || !vocabulary.get(0).equals(PAD) || !vocabulary.get(1).equals(UNK)) {
            throw new IllegalArgumentException("vocabulary: must start with [PAD], [UNK]");
        }
        return new WordTokenizer(vocabulary);
    }

    @Override
    public int[] ids(String text) {
        List<String> words = Words.of(text);
        int[] out = new int[words.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.getOrDefault(words.get(i), 1);
        }
        return out;
    }

    @Override
    public List<String> vocabulary() {
        return vocabulary;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenizer", TokenizerKind.WORD.key());
        m.put("lowercase", true);
        m.put("split", "words and single punctuation marks");
        m.put("vocabularySize", vocabulary.size());
        return m;
    }
}
