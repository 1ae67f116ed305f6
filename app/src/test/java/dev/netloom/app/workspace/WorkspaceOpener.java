package dev.netloom.app.workspace;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process that waits for a start signal, opens the workspace in a home and records one run:
 * {@code java WorkspaceOpener HOME ID GO_FILE}. Used by {@link WorkspaceRaceTest} and
 * bench/reliability.sh. Prints "recorded ID" or the failure; exit 0 / 1.
 */
public final class WorkspaceOpener {

    private WorkspaceOpener() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        String id = args[1];
        Path go = Path.of(args[2]);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(go)) { // every process starts its open at (nearly) the same moment
            if (System.nanoTime() > deadline) {
                System.out.println("no start signal");
                System.exit(1);
            }
            Thread.onSpinWait();
        }
        try (Workspace w = Workspace.open(home)) {
            w.notice().ifPresent(n -> System.out.println("notice: " + n));
            w.runs().start(home.resolve("race.netloom"), "run " + id, "{}", "race", id, null, null);
            w.putSetting("opener-" + id, id);
            System.out.println("recorded " + id);
        } catch (Exception e) {
            System.out.println("failed " + id + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
