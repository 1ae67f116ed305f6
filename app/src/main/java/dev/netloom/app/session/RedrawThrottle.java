package dev.netloom.app.session;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns a stream of "something changed" calls from any thread into at most one redraw per
 * interval on the UI thread (docs/architecture.md: no more than ~20 redraws a second). A request
 * that comes while a redraw is pending joins it; the redraw reads the newest state, so nothing
 * is lost, only coalesced.
 */
public final class RedrawThrottle {

    /** One timer for every throttle: it only hands redraws to the UI thread. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "netloom-redraw-timer");
        t.setDaemon(true);
        return t;
    });

    private final Executor ui;
    private final long gapNanos;
    private final Runnable redraw;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long lastRedraw = System.nanoTime() - Long.MAX_VALUE / 4;

    /**
     * @param ui the thread redraws run on ({@code Platform::runLater})
     * @param perSecond the most redraws a second
     * @param redraw reads the current state and shows it
     */
    public RedrawThrottle(Executor ui, double perSecond, Runnable redraw) {
        this.ui = ui;
        this.gapNanos = (long) (1e9 / perSecond);
        this.redraw = redraw;
    }

    /** Asks for a redraw soon; safe from any thread, cheap to call on every training step. */
    public void request() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        long wait = lastRedraw + gapNanos - System.nanoTime();
        if (wait <= 0) {
            ui.execute(this::run);
        } else {
            TIMER.schedule(() -> ui.execute(this::run), wait, TimeUnit.NANOSECONDS);
        }
    }

    private void run() {
        // Cleared before drawing: a change that lands during the redraw asks for the next one.
        pending.set(false);
        lastRedraw = System.nanoTime();
        redraw.run();
    }
}
