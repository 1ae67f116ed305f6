package dev.netloom.app.cli;

import dev.netloom.train.TrainingListener;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's progress lines: a divergence recovery is said on its own line, in logs and on terminals. */
class TrainingProgressTest {

    @Test
    void aRecoveryGetsItsOwnLine() {
        for (boolean live : new boolean[] {false, true}) {
            StringWriter text = new StringWriter();
            TrainingProgress progress = new TrainingProgress(new PrintWriter(text), live);
            progress.onStart(new TrainingListener.RunStart(500, 16, 4, 1, 1 << 20));
            progress.onRecovery(new TrainingListener.Recovery(25, 2, Double.NaN, "the loss became NaN", 16, 0.01, 0.003,
                    1, 3));
            assertThat(text.toString()).as("live " + live).contains("Diverged and recovered (1 of 3): the loss became "
                    + "NaN at step 25 (epoch 2); went back to the weights after step 16 and lowered the learning rate "
                    + "from 0.0100 to 0.00300\n");
        }
    }

    @Test
    void aPerPositionHeadsEpochLineSaysTheMeanIoU() {
        StringWriter text = new StringWriter();
        TrainingProgress progress = new TrainingProgress(new PrintWriter(text), false);
        progress.onStart(new TrainingListener.RunStart(500, 16, 4, 1, 1 << 20));
        progress.onEpoch(new TrainingListener.EpochReport(1, 0.5, 0.9, 0.4, 0.95, 2, java.util.Map.of(), 0.812));
        assertThat(text.toString()).contains("validation loss 0.4000 acc 95.0%").contains("mean IoU 81.2%");
        progress.onEpoch(new TrainingListener.EpochReport(2, 0.5, 0.9, 0.4, 0.95, 2, java.util.Map.of()));
        assertThat(text.toString().split("\n")[text.toString().split("\n").length - 1]).doesNotContain("IoU");
    }
}
