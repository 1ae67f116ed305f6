package dev.netloom.app;

import dev.netloom.app.cli.NetloomCommand;
import dev.netloom.app.studio.StudioLauncher;

import java.io.PrintStream;
import java.util.Map;

/**
 * The {@code netloom} entry point. With no arguments it opens the studio window when there is
 * a display, and otherwise prints the command-line help with a line saying why no window
 * opened. With arguments it is the command line.
 */
public final class Main {

    /** The line printed after the help when there is no display. */
    static final String NO_DISPLAY = "netloom: the studio window needs a display (DISPLAY is not set); "
            + "the commands above work without one. To see the whole pipeline here, run: ./netloom demo";

    /** What {@link #run} returns when the studio window should open instead. */
    static final int OPEN_STUDIO = -1;

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code == OPEN_STUDIO) {
            StudioLauncher.main(args);
            return;
        }
        System.exit(code);
    }

    /** Runs the command line, or returns {@link #OPEN_STUDIO} when the window should open. */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (args.length == 0 && StudioLauncher.hasDisplay(environment)) {
            return OPEN_STUDIO;
        }
        int code = NetloomCommand.run(StudioServices.standard(), out, err, args);
        if (args.length == 0) {
            out.println();
            out.println(NO_DISPLAY);
        }
        return code;
    }
}
