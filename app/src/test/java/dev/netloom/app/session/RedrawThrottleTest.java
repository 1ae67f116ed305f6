package dev.netloom.app.session;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Training steps ask for redraws thousands of times a second; the view redraws at most twenty. */
class RedrawThrottleTest {

    @Test
    void manyRequestsBecomeAtMostTwentyRedrawsASecondAndTheLastOneIsDrawn() throws Exception {
        AtomicInteger redraws = new AtomicInteger();
        AtomicInteger seen = new AtomicInteger();
        AtomicInteger latest = new AtomicInteger();
        RedrawThrottle throttle = new RedrawThrottle(Runnable::run, 20, () -> {
            redraws.incrementAndGet();
            seen.set(latest.get());
        });
        long start = System.nanoTime();
        int requests = 0;
        while (System.nanoTime() - start < 1_000_000_000L) {
            latest.incrementAndGet();
            throttle.request();
            requests++;
            if (requests % 1000 == 0) {
                Thread.sleep(1);
            }
        }
        Thread.sleep(200); // the last pending redraw runs after its gap
        assertThat(requests).isGreaterThan(1000);
        assertThat(redraws.get()).isBetween(2, 22);
        assertThat(seen.get()).isEqualTo(latest.get());
    }
}
