package dev.netloom.train.data;

import java.io.IOException;

/**
 * Reads one kind of dataset source into a {@link Dataset}. Implementations skip and report bad
 * rows (file, row, reason) in the dataset's {@link DataReport}, and throw only when nothing
 * usable can be read, with a one-line message naming the file.
 */
public interface DatasetReader {

    /** Reads the dataset, fitting it to what the graph's inputs ask for. */
    Dataset read(DataRequest request) throws IOException;
}
