package dev.netloom.app.studio;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * {@code NETLOOM_STARTUP_REPORT=1}: the studio prints when each start-up step ended, in
 * milliseconds since the JVM started, then quits once the window is interactive (its first frame
 * drawn and the FX thread free to answer an event). {@code bench/launch.sh} reads the lines.
 */
final class StartupTimes {

    static final String VARIABLE = "NETLOOM_STARTUP_REPORT";

    private final boolean on;

    StartupTimes(Map<String, String> environment) {
        String v = environment.get(VARIABLE);
        on = v != null && !v.isBlank() && !v.equals("0");
    }

    boolean on() {
        return on;
    }

    /** Prints "netloom startup: STEP at N ms". */
    void mark(String step) {
        if (on) {
            System.out.println("netloom startup: " + step + " at " + sinceJvmStart() + " ms");
        }
    }

    /** After the window is shown: waits for its first frame, then for the FX thread to be free; marks both, then quits. */
    void reportInteractiveAndQuit() {
        if (!on) {
            return;
        }
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                mark("first frame");
                // The next event the FX thread runs is the first a person's click would get.
                Platform.runLater(() -> {
                    mark("interactive");
                    Platform.exit();
                });
            }
        }.start();
    }

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }
}
