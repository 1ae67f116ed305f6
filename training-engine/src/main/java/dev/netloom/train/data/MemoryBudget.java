package dev.netloom.train.data;

import java.io.IOException;

/**
 * Refuses, before allocating, a dataset that cannot fit: Java arrays hold at most about 2^31
 * values, and a dataset should leave at least half the heap to training. Without this check a
 * large {@code examples} setting would end in an OutOfMemoryError instead of a message.
 */
public final class MemoryBudget {

    private MemoryBudget() {
    }

    /**
     * Throws unless {@code count × perExample} values of {@code bytesEach} bytes fit.
     *
     * @param what names the source in the message, for example a file or "shapes-qa"
     */
    public static void check(String what, long count, long perExample, int bytesEach) throws IOException {
        double values = (double) count * perExample;
        double bytes = values * bytesEach;
        long heap = Runtime.getRuntime().maxMemory();
        if (values > Integer.MAX_VALUE - 16 || bytes > heap / 2.0) {
            throw new IOException(String.format("%s: %,d examples of %,d values need %.1f GB, more than half of the "
                    + "%.1f GB this program may use", what, count, perExample, bytes / 1e9, heap / 1e9));
        }
    }
}
