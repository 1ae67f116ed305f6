package dev.netloom.hpo.storage;

import dev.netloom.hpo.Objective;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.sampler.TpeSampler;
import dev.netloom.hpo.sampler.TpeSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A worker process for {@link WorkerProcessesTest}: joins a study in an SQLite file and runs
 * trials. Every evaluation appends the trial number to its own log, so the test can tell whether
 * a trial ran twice. In mode {@code hang} the first evaluation announces itself on stdout and then
 * never returns, so the test can kill the process mid-trial.
 *
 * <p>Arguments: database file, study name, number of trials, log file, mode ({@code run} or {@code hang}).
 */
public final class StudyWorkerMain {

    private StudyWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String name = args[1];
        int trials = Integer.parseInt(args[2]);
        Path log = Path.of(args[3]);
        boolean hang = args[4].equals("hang");
        try (Storage storage = StorageUrl.open(url)) {
            Study study = Study.builder(storage).setName(name)
                    .optSampler(new TpeSampler(TpeSettings.defaults().withConstantLiar(true), ProcessHandle.current().pid()))
                    // Heartbeats on as in production; in "run" mode the grace is long, because on a
                    // machine loaded far beyond its cores a 1 s grace let one live worker's trial be
                    // reaped by another (seen at load 30). The reaping itself is tested in "hang" mode.
                    .optHeartbeat(Duration.ofMillis(200), hang ? Duration.ofSeconds(1) : Duration.ofSeconds(60)).build();
            study.optimize(Objective.single(t -> {
                double x = t.suggestFloat("x", -5, 5);
                append(log, t.number());
                if (hang) {
                    System.out.println("started " + t.number());
                    System.out.flush();
                    new java.util.concurrent.CountDownLatch(1).await(); // until killed
                }
                return x * x;
            }), trials);
        }
        System.out.println("done");
    }

    private static void append(Path log, int number) throws IOException {
        Files.writeString(log, number + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
