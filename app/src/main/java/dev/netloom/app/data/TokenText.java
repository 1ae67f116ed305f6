package dev.netloom.app.data;

import java.util.List;

/**
 * Turns token ids back into readable text with the dataset's vocabulary, for showing a sample's
 * question or text: padding is dropped; BPE pieces ending in {@code </w>} end a word, other BPE
 * pieces join the next one; word tokens are separated by spaces, except before a
 * punctuation mark.
 */
public final class TokenText {

    private static final String PAD = "[PAD]";
    private static final String WORD_END = "</w>";

    private TokenText() {
    }

    /**
     * @param ids a field's ids
     * @param from the first id of the text
     * @param length how many ids the text has
     * @param vocabulary tokens in id order
     */
    public static String decode(long[] ids, int from, int length, List<String> vocabulary) {
        boolean bpe = vocabulary.stream().anyMatch(t -> t.endsWith(WORD_END));
        StringBuilder out = new StringBuilder();
        for (int i = from; i < from + length; i++) {
            long id = ids[i];
            String token = id >= 0 && id < vocabulary.size() ? vocabulary.get((int) id) : "[" + id + "]";
            if (token.equals(PAD)) {
                continue;
            }
            if (bpe) {
                out.append(token.endsWith(WORD_END) ? token.substring(0, token.length() - WORD_END.length()) + " " : token);
            } else {
                // The word tokenizer splits "shape?" into two tokens; glue the mark back on.
                boolean mark = token.length() == 1 && !Character.isLetterOrDigit(token.charAt(0));
                if (!out.isEmpty() && !mark) {
                    out.append(' ');
                }
                out.append(token);
            }
        }
        return out.toString().strip();
    }
}
