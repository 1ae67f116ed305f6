package dev.netloom.app;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's choice between the window and the command line. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    @Test
    void withoutArgumentsAndWithoutADisplayItPrintsTheHelpAndSaysWhy() {
        int code = Main.run(new String[0], Map.of(), print, print);
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: netloom").endsWith(Main.NO_DISPLAY + "\n");
    }

    @Test
    void withoutArgumentsAndWithADisplayItOpensTheStudio() {
        assertThat(Main.run(new String[0], Map.of("DISPLAY", ":0"), print, print)).isEqualTo(Main.OPEN_STUDIO);
        assertThat(Main.run(new String[0], Map.of("WAYLAND_DISPLAY", "wayland-0"), print, print))
                .isEqualTo(Main.OPEN_STUDIO);
        assertThat(out.size()).isZero();
    }

    @Test
    void withArgumentsItStaysTheCommandLineEvenWithADisplay() {
        int code = Main.run(new String[] {"templates"}, Map.of("DISPLAY", ":0"), print, print);
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("small-cnn").doesNotContain(Main.NO_DISPLAY);
    }
}
