package dev.netloom.app.cli;

import dev.netloom.graph.Units;
import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.TrialState;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live table of a search: one line per finished trial of the whole study, whichever process
 * ran it (workers share the study's storage), printed as trials finish by polling the storage.
 */
final class TrialTable implements AutoCloseable {

    private final PrintWriter out;
    private final Study study;
    private final Set<Long> printed = new HashSet<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "netloom-trial-table");
        t.setDaemon(true);
        return t;
    });

    TrialTable(PrintWriter out, Study study) {
        this.out = out;
        this.study = study;
        // Trials finished before this run (a resumed study) are history, not news.
        study.trials().stream().filter(t -> t.state().isFinished()).forEach(t -> printed.add(t.id()));
    }

    /** Prints the header and follows the study until closed. */
    void follow() {
        out.printf(Locale.ROOT, "%5s  %-8s  %8s  %10s  %13s  %7s  %s%n", "TRIAL", "STATE", "VAL ACC", "PARAMETERS",
                "MULTIPLY-ADDS", "SECONDS", "CHOICES");
        out.flush();
        poller.scheduleWithFixedDelay(this::printNew, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void printNew() {
        for (FrozenTrial t : study.trials()) {
            if (t.state().isFinished() && printed.add(t.id())) {
                out.println(row(t));
            }
        }
        out.flush();
    }

    static String row(FrozenTrial t) {
        String accuracy = t.state() == TrialState.COMPLETE ? String.format(Locale.ROOT, "%.2f%%", t.values().get(0) * 100)
                : t.intermediateValues().isEmpty() ? "-"
                : String.format(Locale.ROOT, "(%.2f%%)", t.lastIntermediateValue() * 100);
        double seconds = t.start() == null || t.complete() == null ? 0
                : Duration.between(t.start(), t.complete()).toMillis() / 1000.0;
        String note = t.state() == TrialState.FAIL ? "  (" + reason(t) + ")"
                : t.state() == TrialState.PRUNED && t.intermediateValues().isEmpty()
                        ? "  (not trained: " + t.userAttrs().getOrDefault("prunedBecause", "pruned before its first epoch") + ")"
                : t.state() == TrialState.PRUNED ? "  (pruned after epoch " + t.intermediateValues().lastKey() + ")" : "";
        return String.format(Locale.ROOT, "%5d  %-8s  %8s  %10s  %13s  %7.1f  %s%s", t.number(), t.state(), accuracy,
                count(t, "parameters"), count(t, "multiplyAdds"), seconds, SearchRun.choices(t.params()), note);
    }

    private static String count(FrozenTrial t, String attr) {
        Object v = t.userAttrs().get(attr);
        return v instanceof Number n ? Units.count(n.longValue()) : "-";
    }

    /** A failed trial's reason as people read it: the message, without the exception class and code location. */
    static String reason(FrozenTrial t) {
        String r = String.valueOf(t.failReason());
        return r.replaceFirst("^[\\w.$]+(Exception|Error): ", "").replaceFirst(" at [\\w.$<>]+\\([^)]*\\)$", "");
    }

    static String value(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : String.valueOf(v);
    }

    /** Stops following, after printing what finished last. */
    @Override
    public void close() {
        poller.shutdownNow();
        printNew();
    }
}
