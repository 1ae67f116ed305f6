package dev.netloom.app.studio;

import javafx.application.Application;

/**
 * Starts the studio window. A separate class that does not extend {@link Application}: run
 * from the class path, JavaFX refuses a main class that does (it then looks for its modules).
 */
public final class StudioLauncher {

    private StudioLauncher() {
    }

    /** Whether a window can be shown: an X11 or Wayland display is set. */
    public static boolean hasDisplay(java.util.Map<String, String> environment) {
        return notBlank(environment.get("DISPLAY")) || notBlank(environment.get("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    public static void main(String[] args) {
        Application.launch(StudioApp.class, args);
    }
}
