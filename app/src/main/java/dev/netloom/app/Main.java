package dev.netloom.app;

import dev.netloom.app.cli.NetloomCommand;
import dev.netloom.app.studio.StudioLauncher;

/**
 * The {@code netloom} entry point. With no arguments it opens the studio window when there is
 * a display, and otherwise prints the command-line help with a line saying why no window
 * opened. With arguments it is the command line.
 */
public final class Main {

    /** The line printed after the help when there is no display. */
    static final String NO_DISPLAY = "netloom: the studio window needs a display (DISPLAY is not set); "
            + "the commands above work without one.";

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 && StudioLauncher.hasDisplay(System.getenv())) {
            StudioLauncher.main(args);
            return;
        }
        int code = NetloomCommand.run(StudioServices.standard(), System.out, System.err, args);
        if (args.length == 0) {
            System.out.println();
            System.out.println(NO_DISPLAY);
        }
        System.exit(code);
    }
}
