package dev.netloom.designer.bench;

import dev.netloom.designer.DesignerFixture;
import dev.netloom.designer.Graphs;
import dev.netloom.designer.view.GraphCanvas;
import dev.netloom.designer.view.NodeSkin;
import dev.netloom.graph.Graph;
import dev.netloom.graph.analysis.GraphAnalyzer;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * A plain benchmark of the designer (not a test): cold start to an interactive window, an edit
 * on a 300-layer graph (analysis + redraw), and node-drag frames. Prints medians. Run by
 * {@code ui-designer/bench.sh}, headless on Monocle's software renderer.
 *
 * <p>"Interactive" means: the window is shown with the graph drawn and one frame rendered.
 */
public final class DesignerBench {

    private static final int NODES = 300;
    private static final int ROUNDS = 40;

    private DesignerBench() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } finally {
            Platform.exit();
            System.exit(0); // the bench may end on an error; never leave a JVM behind
        }
    }

    private static void run(String[] args) throws Exception {
        boolean startupOnly = args.length > 0 && args[0].equals("--startup-only");
        Platform.startup(() -> { });
        DesignerFixture fx = call(() -> new DesignerFixture(new Stage(), DesignerFixture.template("image-text-qa"),
                Runnable::run));
        call(() -> fx.scene.snapshot(null)); // the first frame
        long startupMs = ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.printf(Locale.ROOT, "startup_ms %d%n", startupMs);
        if (startupOnly) {
            return;
        }

        Graph big = Graphs.chain(NODES);
        call(() -> {
            fx.model.reset(big);
            fx.designer.canvas().fitToView();
            return null;
        });
        call(() -> fx.scene.snapshot(null));

        // A real pulse does CSS and layout for what changed only; these listeners time it.
        PulseTimer pulse = call(() -> new PulseTimer(fx.scene));
        GraphAnalyzer analyzer = new GraphAnalyzer(DesignerFixture.CATALOG);
        List<Double> analysis = new ArrayList<>();
        List<Double> editModel = new ArrayList<>();
        List<Double> editLayout = new ArrayList<>();
        List<Double> editFrame = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            long a = System.nanoTime();
            analyzer.analyze(fx.model.graph());
            analysis.add(ms(a));
            int units = 32 + (i % 2) * 16;
            double model = call(() -> {
                pulse.arm();
                long t0 = System.nanoTime();
                fx.model.setParam("fc" + (NODES / 2), "units", units); // shapes and costs change downstream
                return ms(t0);
            });
            double cssAndLayout = pulse.await();
            double paint = call(() -> {
                long t0 = System.nanoTime();
                fx.scene.snapshot(null); // paints the whole window in software: an upper bound
                return ms(t0);
            });
            editModel.add(model);
            editLayout.add(model + cssAndLayout);
            editFrame.add(model + cssAndLayout + paint);
        }

        List<Double> drag = new ArrayList<>();
        List<Double> dragFrame = new ArrayList<>();
        call(() -> {
            GraphCanvas canvas = fx.designer.canvas();
            canvas.centreOn(300, 0, 1.0);
            fx.scene.getRoot().layout();
            return null;
        });
        for (int round = 0; round < 3; round++) {
            Point2D start = call(() -> {
                GraphCanvas canvas = fx.designer.canvas();
                NodeSkin card = canvas.nodeSkin("flat");
                Point2D p = canvas.localToScene(canvas.toLocal(card.x() + 100, card.y() + 20));
                canvas.fireEvent(mouse(MouseEvent.MOUSE_PRESSED, p));
                return p;
            });
            for (int step = 1; step <= 30; step++) {
                int k = step;
                double handler = call(() -> {
                    pulse.arm();
                    long t0 = System.nanoTime();
                    fx.designer.canvas().fireEvent(mouse(MouseEvent.MOUSE_DRAGGED, start.add(k * 3, k * 2)));
                    return ms(t0);
                });
                double frame = handler + pulse.await();
                drag.add(frame);
                if (step % 5 == 0) {
                    dragFrame.add(frame + call(() -> {
                        long t0 = System.nanoTime();
                        fx.scene.snapshot(null);
                        return ms(t0);
                    }));
                }
            }
            call(() -> {
                fx.designer.canvas().fireEvent(mouse(MouseEvent.MOUSE_RELEASED, start.add(90, 60)));
                return null;
            });
        }

        System.out.println();
        System.out.println("| measure (" + NODES + "-layer graph unless said) | median ms | p90 ms |");
        System.out.println("|---|---:|---:|");
        row("cold start to interactive window (image-text-qa)", List.of((double) startupMs));
        row("analysis alone (GraphAnalyzer.analyze)", analysis);
        row("edit: SetParam + analysis + skins updated", editModel);
        row("edit: ... + the next pulse's CSS and layout", editLayout);
        row("edit: ... + full software repaint of the window (upper bound)", editFrame);
        row("node drag frame: handler + pulse CSS and layout", drag);
        row("node drag frame: ... + full software repaint (upper bound)", dragFrame);
    }

    /** Times the CSS and layout part of the next pulse after {@link #arm()}. */
    private static final class PulseTimer {
        private volatile long pre;
        private volatile java.util.concurrent.CompletableFuture<Double> next = new java.util.concurrent.CompletableFuture<>();
        private volatile boolean armed;

        PulseTimer(javafx.scene.Scene scene) {
            scene.addPreLayoutPulseListener(() -> pre = System.nanoTime());
            scene.addPostLayoutPulseListener(() -> {
                if (armed) {
                    armed = false;
                    next.complete((System.nanoTime() - pre) / 1e6);
                }
            });
        }

        /** Call on the FX thread just before the change to time. */
        void arm() {
            next = new java.util.concurrent.CompletableFuture<>();
            armed = true;
            Platform.requestNextPulse();
        }

        double await() throws Exception {
            return next.get(60, TimeUnit.SECONDS);
        }
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type, Point2D scene) {
        return new MouseEvent(type, scene.getX(), scene.getY(), scene.getX(), scene.getY(), MouseButton.PRIMARY, 1,
                false, false, false, false, type != MouseEvent.MOUSE_RELEASED, false, false, false, false, false, null);
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    private static void row(String what, List<Double> samples) {
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        double median = s.get(s.size() / 2);
        double p90 = s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * 0.9) - 1));
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f |%n", what, median, p90);
    }

    private static <T> T call(Callable<T> action) throws Exception {
        FutureTask<T> task = new FutureTask<>(action);
        Platform.runLater(task);
        return task.get(60, TimeUnit.SECONDS);
    }
}
