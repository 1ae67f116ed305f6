package dev.netloom.train.data;

/**
 * What the graph's inputs need from a dataset, so that readers resize pictures and size the
 * tokenizer to fit: zeros where the graph has no such input.
 *
 * @param imageChannels channels of the Image input (1 grey, 3 colour)
 * @param imageHeight height of the Image input
 * @param imageWidth width of the Image input
 * @param tokenLength length of the Tokens input: texts are padded or cut to it
 * @param vocabulary vocabulary size of the Tokens input: the tokenizer learns at most this many tokens
 * @param features width of the Tabular input
 * @param seed seeds splitting, generation and augmentation
 * @param fitted a trained model's preprocessing and classes to read the data with, instead of
 *     learning them from its training split; null when training (learn everything)
 */
public record DataRequest(int imageChannels, int imageHeight, int imageWidth, int tokenLength, int vocabulary,
                          int features, long seed, FittedPreprocessing fitted) {

    /** A request that learns preprocessing and classes from the data (training). */
    public DataRequest(int imageChannels, int imageHeight, int imageWidth, int tokenLength, int vocabulary,
                       int features, long seed) {
        this(imageChannels, imageHeight, imageWidth, tokenLength, vocabulary, features, seed, null);
    }

    /** This request with another seed. */
    public DataRequest withSeed(long newSeed) {
        return new DataRequest(imageChannels, imageHeight, imageWidth, tokenLength, vocabulary, features, newSeed, fitted);
    }

    /** This request reading the data as a trained model sees it (its statistics, tokenizer, columns and classes). */
    public DataRequest withFitted(FittedPreprocessing preprocessing) {
        return new DataRequest(imageChannels, imageHeight, imageWidth, tokenLength, vocabulary, features, seed,
                preprocessing);
    }
}
