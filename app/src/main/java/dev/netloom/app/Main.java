package dev.netloom.app;

import dev.netloom.app.cli.NetloomCommand;

/**
 * The {@code netloom} entry point. With no arguments it will open the studio once the window
 * exists; until then it prints the command-line help.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(NetloomCommand.run(StudioServices.standard(), System.out, System.err, args));
    }
}
