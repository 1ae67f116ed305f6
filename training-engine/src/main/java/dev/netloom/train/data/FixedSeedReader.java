package dev.netloom.train.data;

import java.io.IOException;

/**
 * A reader that always uses one seed, whatever the request says: for a project whose
 * {@code data} section pins {@code "seed"}, so the generated set and the split stay the same
 * while the training seed varies.
 *
 * @param reader the reader
 * @param seed the seed it reads with
 */
public record FixedSeedReader(DatasetReader reader, long seed) implements DatasetReader {

    @Override
    public Dataset read(DataRequest request) throws IOException {
        return reader.read(request.withSeed(seed));
    }
}
