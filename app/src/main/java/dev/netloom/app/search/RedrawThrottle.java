package dev.netloom.app.search;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Runs a redraw at most once per interval (20 a second at 50 ms): the first request draws at
 * once, requests during the pause that follows are folded into one draw at its end. FX thread only.
 */
final class RedrawThrottle {

    private final Runnable redraw;
    private final PauseTransition pause;
    private boolean pending;

    RedrawThrottle(Duration interval, Runnable redraw) {
        this.redraw = redraw;
        this.pause = new PauseTransition(interval);
        pause.setOnFinished(e -> {
            if (pending) {
                pending = false;
                redraw.run();
                pause.playFromStart();
            }
        });
    }

    /** Asks for a redraw. */
    void request() {
        if (pause.getStatus() == javafx.animation.Animation.Status.RUNNING) {
            pending = true;
            return;
        }
        redraw.run();
        pause.playFromStart();
    }
}
