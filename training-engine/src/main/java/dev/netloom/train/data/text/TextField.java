package dev.netloom.train.data.text;

import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.Field;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a dataset's text becomes a token field: which tokenizer, how long each text is made, how
 * many tokens the tokenizer may learn. The tokenizer is trained on the training rows only.
 *
 * @param name the field's name, for example {@code "text"} or {@code "question"}
 * @param kind the tokenizer
 * @param length texts are padded or cut to this many tokens
 * @param vocabularySize the tokenizer learns at most this many tokens
 */
public record TextField(String name, TokenizerKind kind, int length, int vocabularySize) {

    public TextField {
        if (length < 1 || vocabularySize < 2) {
            throw new IllegalArgumentException("text needs a length of at least 1 and a vocabulary of at least 2, got "
                    + length + " and " + vocabularySize);
        }
    }

    /** The request's token length and vocabulary, or the defaults where the graph has no token input. */
    public static TextField of(String name, TokenizerKind kind, DataRequest request, int defaultLength,
                               int defaultVocabulary) {
        return new TextField(name, kind, request.tokenLength() > 0 ? request.tokenLength() : defaultLength,
                request.vocabulary() > 0 ? request.vocabulary() : defaultVocabulary);
    }

    /** Learns a tokenizer from the texts at {@code trainRows}. */
    public Tokenizer train(List<String> texts, int[] trainRows) {
        List<String> training = new ArrayList<>(trainRows.length);
        for (int row : trainRows) {
            training.add(texts.get(row));
        }
        return kind.train(training, vocabularySize);
    }

    /**
     * The tokenizer for this field: a trained model's when {@code fitted} recorded one for it (new
     * data is encoded exactly as the model's training data was), else one learned from the texts
     * at {@code trainRows}.
     *
     * @param fitted a trained model's preprocessing, or null
     * @throws java.io.IOException when the model's recorded tokenizer does not fit its vocabulary
     */
    public Tokenizer tokenizer(List<String> texts, int[] trainRows, dev.netloom.train.data.FittedPreprocessing fitted)
            throws java.io.IOException {
        if (fitted != null) {
            java.util.Optional<Tokenizer> model = fitted.tokenizer(name);
            if (model.isPresent()) {
                return model.get();
            }
        }
        return train(texts, trainRows);
    }

    /** Every text encoded, in order, as a token field. */
    public Field encode(Tokenizer tokenizer, List<String> texts) {
        long[] ids = new long[Math.multiplyExact(texts.size(), length)];
        for (int i = 0; i < texts.size(); i++) {
            tokenizer.encodeInto(texts.get(i), ids, i * length, length);
        }
        return Field.tokens(name, length, ids);
    }

    /** What {@code preprocess.json} records for this field. */
    public Map<String, Object> preprocessing(Tokenizer tokenizer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "tokens");
        m.put("length", length);
        m.put("padding", "[PAD] = 0 after the text; longer texts are cut");
        m.put("padId", 0);
        m.put("unknownId", 1);
        m.putAll(tokenizer.settings());
        return m;
    }
}
