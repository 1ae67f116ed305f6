package dev.netloom.app.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.app.workspace.EpochRecord;
import dev.netloom.app.workspace.RunLog;
import dev.netloom.app.workspace.RunStatus;
import dev.netloom.train.TrainingListener;
import dev.netloom.train.TrainingSection;
import dev.netloom.train.TrainingSettings;
import dev.netloom.train.data.Dataset;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a training run into the workspace as it happens, for the Train view and
 * {@code netloom train} alike: the run's row when it starts (settings, dataset and its
 * fingerprint), each epoch when it ends, and how it ended with the model's folder and test
 * accuracy. Each record is on disk when written, so a crash loses at most the epoch in progress
 * (the studio then marks the run interrupted).
 *
 * <p>Life: {@link #start} before the run, add it as (one of) the run's listeners, then exactly
 * one of {@link #finished} or {@link #failed}. A workspace that cannot be written does not stop
 * the training: the first such failure is kept in {@link #problem()}.
 */
public final class RunRecorder implements TrainingListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunLog log;
    private final long runId;
    private volatile Path checkpoint;
    private volatile RunEnd end;
    private volatile String problem;

    private RunRecorder(RunLog log, long runId) {
        this.log = log;
        this.runId = runId;
    }

    /**
     * Records a run that starts now.
     *
     * @param project the project file (its absolute path is the workspace's key)
     * @param name what the run is called ("run 3", or the CLI's output folder)
     */
    public static RunRecorder start(RunLog log, Path project, String name, TrainingSettings settings, Dataset dataset) {
        return start(log, project, name, settings, dataset, AdaptationReport.NONE);
    }

    /** Records a run that starts now and learns from teachers or a start model, kept among its settings. */
    public static RunRecorder start(RunLog log, Path project, String name, TrainingSettings settings, Dataset dataset,
                                    AdaptationReport adaptation) {
        long id = log.start(project, name, adaptation.addTo(TrainingSection.write(settings)).toString(), dataset.name(),
                dataset.fingerprint(), null, null);
        return new RunRecorder(log, id);
    }

    /** The run's id in the workspace. */
    public long runId() {
        return runId;
    }

    /** The last checkpoint written, or null before the first. */
    public Path checkpoint() {
        return checkpoint;
    }

    /** The first failure to write the workspace, as one line, or null when every record was written. */
    public String problem() {
        return problem;
    }

    @Override
    public void onEpoch(EpochReport e) {
        write(() -> log.epoch(new EpochRecord(runId, e.epoch(), e.trainLoss(), e.trainAccuracy(), e.validationLoss(),
                e.validationAccuracy(), e.seconds(), expertShare(e.expertShare()))));
    }

    @Override
    public void onCheckpoint(Path file, int epoch) {
        checkpoint = file;
    }

    @Override
    public void onEnd(RunEnd runEnd) {
        end = runEnd;
    }

    /**
     * Records how the run ended: FINISHED with the model folder and test accuracy, or STOPPED
     * (cancelled; the checkpoint can be resumed) when the outcome has no model.
     */
    public void finished(ModelTraining.Outcome outcome) {
        String message = outcome.end().message();
        if (outcome.artifact() == null) {
            write(() -> log.finish(runId, RunStatus.STOPPED, null, null, message));
        } else {
            write(() -> log.finish(runId, RunStatus.FINISHED, RunLog.key(outcome.artifact()),
                    outcome.test() == null ? null : outcome.test().accuracy(), message));
        }
    }

    /** Records that the run ended with an error, given as one line (a NaN loss, unreadable data, a full disk). */
    public void failed(String message) {
        write(() -> log.finish(runId, RunStatus.FAILED, null, null, message));
    }

    /** The run's own end message, when it got as far as ending; else null. */
    public RunEnd end() {
        return end;
    }

    private void write(Runnable record) {
        try {
            record.run();
        } catch (RuntimeException e) {
            if (problem == null) {
                problem = e.getMessage();
            }
        }
    }

    /** {@code {"moe1": [0.26, 0.24, ...]}}, nodes in name order; {@code {}} without MoE. */
    static String expertShare(Map<String, double[]> shares) {
        ObjectNode o = JSON.createObjectNode();
        new TreeMap<>(shares).forEach((node, s) -> {
            ArrayNode a = o.putArray(node);
            for (double v : s) {
                a.add(v);
            }
        });
        return o.toString();
    }
}
