package dev.netloom.train.model;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.nio.ByteBuffer;

/**
 * A full garbage collection, then a wait until the JVM has freed the native memory of the direct
 * buffers it found unreachable (their cleaners run on the reference handler thread, after the
 * collection): what a collection at an unlucky moment does to native memory the engine still uses.
 */
public final class GarbageCollection {

    private GarbageCollection() {
    }

    /** Collects twice, each time waiting (at most 10 s) until a buffer dropped just before is freed. */
    public static void collectAndFreeDirectBuffers() {
        for (int round = 0; round < 2; round++) {
            ReferenceQueue<Object> queue = new ReferenceQueue<>();
            PhantomReference<Object> sentinel = new PhantomReference<>(ByteBuffer.allocateDirect(1), queue);
            System.gc();
            try {
                queue.remove(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Reference.reachabilityFence(sentinel);
        }
    }
}
