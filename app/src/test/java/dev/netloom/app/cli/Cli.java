package dev.netloom.app.cli;

import dev.netloom.app.StudioServices;
import dev.netloom.app.TestHome;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the netloom CLI in-process as a user would, capturing what it prints and its exit code. */
record Cli(int code, String out, String err) {

    static Cli run(String... args) {
        return runIn(TestHome.PATH, args);
    }

    /** Runs with another Netloom home (a damaged workspace, a trust store of its own). */
    static Cli runIn(java.nio.file.Path home, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = NetloomCommand.run(StudioServices.standard(home), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
