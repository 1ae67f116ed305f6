package dev.netloom.app.cli;

/** The exit codes every {@code netloom} command uses. */
public final class ExitCode {

    /** Success. */
    public static final int OK = 0;
    /** The model or the file is invalid; the reasons went to stderr. */
    public static final int INVALID = 1;
    /** The command line was wrong: unknown option, missing argument. */
    public static final int USAGE = 2;
    /** Something failed that is not the user's input (disk full, a bug); one line went to stderr. */
    public static final int FAILURE = 3;

    private ExitCode() {
    }
}
