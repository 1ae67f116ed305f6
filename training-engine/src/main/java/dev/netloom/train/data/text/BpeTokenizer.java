package dev.netloom.train.data.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Byte-pair encoding over the characters of each word ({@link Words}): training starts from the
 * characters of the training text (a word's last character carries {@value #END}, so "low" at a
 * word's end differs from "low" inside "lower") and repeatedly merges the most frequent adjacent
 * pair until the vocabulary is full. Encoding applies the merges in the order they were learned,
 * so the merge list in {@link #settings()} together with the vocabulary rebuilds the tokenizer.
 */
public final class BpeTokenizer implements Tokenizer {

    /** Marks the last piece of a word. */
    public static final String END = "</w>";

    private final List<String> vocabulary;
    private final List<List<String>> merges;
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<String, Integer> rank = new HashMap<>();
    private final Map<String, int[]> cache = new java.util.concurrent.ConcurrentHashMap<>();

    private BpeTokenizer(List<String> vocabulary, List<List<String>> merges) {
        this.vocabulary = List.copyOf(vocabulary);
        this.merges = merges.stream().map(List::copyOf).toList();
        for (int i = 0; i < vocabulary.size(); i++) {
            if (ids.put(vocabulary.get(i), i) != null) {
                throw new IllegalArgumentException("vocabulary: token \"" + vocabulary.get(i) + "\" appears twice");
            }
        }
        for (int i = 0; i < this.merges.size(); i++) {
            List<String> m = this.merges.get(i);
            if (m.size() != 2 || !ids.containsKey(m.get(0) + m.get(1))) {
                throw new IllegalArgumentException("merges[" + i + "]: " + m + " does not make a vocabulary token");
            }
            rank.putIfAbsent(key(m.get(0), m.get(1)), i);
        }
    }

    /** Learns merges from {@code texts} until the vocabulary holds {@code size} tokens or nothing is left to merge. */
    public static BpeTokenizer train(List<String> texts, int size) {
        if (size < 2) {
            throw new IllegalArgumentException("a vocabulary needs room for [PAD] and [UNK], got size " + size);
        }
        Map<String, Integer> wordCounts = new HashMap<>();
        for (String text : texts) {
            for (String w : Words.of(text)) {
                wordCounts.merge(w, 1, Integer::sum);
            }
        }
        List<String> sortedWords = new ArrayList<>(wordCounts.keySet());
        sortedWords.sort(null);
        Map<String, Integer> symbolCounts = new HashMap<>();
        for (String w : sortedWords) {
            for (String s : characters(w)) {
                symbolCounts.merge(s, wordCounts.get(w), Integer::sum);
            }
        }
        List<String> vocabulary = new ArrayList<>(List.of(PAD, UNK));
        symbolCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(size - 2L)
                .forEach(e -> vocabulary.add(e.getKey()));
        java.util.Set<String> known = new java.util.HashSet<>(vocabulary);
        List<List<String>> words = new ArrayList<>();
        int[] counts = new int[sortedWords.size()];
        for (int i = 0; i < sortedWords.size(); i++) {
            List<String> symbols = new ArrayList<>();
            for (String s : characters(sortedWords.get(i))) {
                symbols.add(known.contains(s) ? s : UNK);
            }
            words.add(symbols);
            counts[i] = wordCounts.get(sortedWords.get(i));
        }
        List<List<String>> merges = new ArrayList<>();
        while (vocabulary.size() < size) {
            String[] best = mostFrequentPair(words, counts);
            if (best == null) {
                break;
            }
            merges.add(List.of(best[0], best[1]));
            String merged = best[0] + best[1];
            if (known.add(merged)) {
                vocabulary.add(merged);
            }
            for (List<String> w : words) {
                mergeAll(w, best[0], best[1]);
            }
        }
        return new BpeTokenizer(vocabulary, merges);
    }

    /** The tokenizer that saved {@code vocabulary} and the {@code merges} of {@code settings}. */
    @SuppressWarnings("unchecked")
    public static BpeTokenizer rebuild(List<String> vocabulary, Map<String, Object> settings) {
        if (vocabulary.size() < 2 || !vocabulary.get(0).equals(PAD) || !vocabulary.get(1).equals(UNK)) {
            throw new IllegalArgumentException("vocabulary: must start with [PAD], [UNK]");
        }
        Object merges = settings.get("merges");
        if (!(merges instanceof List<?> list) || !list.stream().allMatch(m -> m instanceof List<?>)) {
            throw new IllegalArgumentException("merges: expected a list of [left, right] pairs");
        }
        List<List<String>> pairs = new ArrayList<>();
        for (Object m : list) {
            pairs.add(((List<Object>) m).stream().map(String::valueOf).toList());
        }
        return new BpeTokenizer(vocabulary, pairs);
    }

    @Override
    public int[] ids(String text) {
        List<Integer> out = new ArrayList<>();
        for (String w : Words.of(text)) {
            for (int id : word(w)) {
                out.add(id);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private int[] word(String w) {
        int[] cached = cache.get(w);
        if (cached != null) {
            return cached;
        }
        List<String> symbols = new ArrayList<>();
        for (String s : characters(w)) {
            symbols.add(ids.containsKey(s) ? s : UNK);
        }
        while (symbols.size() > 1) {
            int bestAt = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Integer r = rank.get(key(symbols.get(i), symbols.get(i + 1)));
                if (r != null && r < bestRank) {
                    bestRank = r;
                    bestAt = i;
                }
            }
            if (bestAt < 0) {
                break;
            }
            List<String> m = merges.get(bestRank);
            mergeAll(symbols, m.get(0), m.get(1));
        }
        int[] out = symbols.stream().mapToInt(s -> ids.getOrDefault(s, 1)).toArray();
        if (cache.size() < 100_000) {
            cache.put(w, out);
        }
        return out;
    }

    private static String[] mostFrequentPair(List<List<String>> words, int[] counts) {
        Map<String, Integer> pairs = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            List<String> w = words.get(i);
            for (int j = 0; j + 1 < w.size(); j++) {
                if (!w.get(j).equals(UNK) && !w.get(j + 1).equals(UNK)) {
                    pairs.merge(key(w.get(j), w.get(j + 1)), counts[i], Integer::sum);
                }
            }
        }
        String best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> e : pairs.entrySet()) {
            // Ties go to the smaller key so that training is the same on every run.
            if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best == null ? null : best.split(" ", 2);
    }

    private static void mergeAll(List<String> symbols, String left, String right) {
        for (int i = 0; i + 1 < symbols.size(); i++) {
            if (symbols.get(i).equals(left) && symbols.get(i + 1).equals(right)) {
                symbols.set(i, left + right);
                symbols.remove(i + 1);
            }
        }
    }

    private static List<String> characters(String word) {
        List<String> out = new ArrayList<>();
        int[] points = word.codePoints().toArray();
        for (int i = 0; i < points.length; i++) {
            String s = new String(points, i, 1);
            out.add(i == points.length - 1 ? s + END : s);
        }
        return out;
    }

    // Tokens never hold spaces (Words splits on them), so a space separates a pair unambiguously.
    private static String key(String left, String right) {
        return left + " " + right;
    }

    @Override
    public List<String> vocabulary() {
        return vocabulary;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenizer", TokenizerKind.BPE.key());
        m.put("lowercase", true);
        m.put("split", "words and single punctuation marks, then byte-pair merges of their characters");
        m.put("wordEnd", END);
        m.put("vocabularySize", vocabulary.size());
        m.put("merges", merges);
        return m;
    }
}
