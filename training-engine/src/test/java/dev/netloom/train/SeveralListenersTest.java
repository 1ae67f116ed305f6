package dev.netloom.train;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.train.data.Examples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code TrainingRun.listener(l)} adds: every listener added hears every event of a real run, in the order added. */
class SeveralListenersTest {

    private static final Examples[] DATA = ToyData.split(ToyData.vectors(200, 8, 3, 1), 160);

    private static GraphAnalysis mlp() {
        return Sketch.graph()
                .node("in", "Tabular", "features", 8)
                .node("fc", "Dense", "units", 8)
                .node("head", "Classification", "classes", 3)
                .chain("in", "fc", "head").analyze();
    }

    /** Writes each event as a line into a log shared by the listeners, tagged with its name. */
    private record Recording(String name, List<String> log) implements TrainingListener {
        @Override
        public void onStart(RunStart start) {
            log.add(name + " start " + start.stepsPerEpoch());
        }

        @Override
        public void onStep(StepReport step) {
            log.add(name + " step " + step.step());
        }

        @Override
        public void onEpoch(EpochReport epoch) {
            log.add(name + " epoch " + epoch.epoch());
        }

        @Override
        public void onCheckpoint(Path checkpoint, int epoch) {
            log.add(name + " checkpoint " + epoch);
        }

        @Override
        public void onEnd(RunEnd end) {
            log.add(name + " end " + end.reason());
        }
    }

    @Test
    void twoListenersBothHearEveryEventInTheOrderAdded(@TempDir Path dir) throws Exception {
        List<String> log = new ArrayList<>();
        TrainingSettings settings = TrainingSettings.defaults().withEpochs(2).withBatchSize(32).withLearningRate(0.01);
        try (TrainingRun.Result result = new TrainingRun(mlp(), DATA[0], DATA[1], List.of("features"), settings)
                .listener(new Recording("a", log)).listener(new Recording("b", log))
                .checkpointTo(dir.resolve("run.checkpoint")).run()) {
            assertThat(result.end().reason()).isEqualTo(TrainingListener.EndReason.COMPLETED);
        }
        List<String> heardByA = log.stream().filter(l -> l.startsWith("a ")).map(l -> l.substring(2)).toList();
        List<String> heardByB = log.stream().filter(l -> l.startsWith("b ")).map(l -> l.substring(2)).toList();
        assertThat(heardByA).isEqualTo(heardByB);
        assertThat(heardByA).contains("epoch 1", "epoch 2", "checkpoint 2", "end COMPLETED")
                .anyMatch(l -> l.startsWith("start ")).anyMatch(l -> l.startsWith("step "));
        for (int i = 0; i < log.size(); i += 2) { // each event reaches a, then b, before the next event
            assertThat(log.get(i)).startsWith("a ");
            assertThat(log.get(i + 1)).isEqualTo("b " + log.get(i).substring(2));
        }
    }
}
