package dev.netloom.train.data;

/**
 * A piece of data that was skipped, and why: the file and row (or entry) it is at.
 *
 * @param file the file, as given
 * @param row the 1-based row, line or entry number; 0 when it is about the whole file
 * @param reason what was wrong, for example "unknown label \"dgo\"" or "not a PNG or JPEG picture"
 */
public record DataIssue(String file, long row, String reason) {

    @Override
    public String toString() {
        return file + (row > 0 ? ":" + row : "") + ": " + reason;
    }
}
