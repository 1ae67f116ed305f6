package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.app.export.ModelExport;
import dev.netloom.app.search.ModelSearch;
import dev.netloom.app.search.SearchObjective;
import dev.netloom.app.training.ModelTraining;
import dev.netloom.app.training.RunRecorder;
import dev.netloom.app.workspace.RunLog;
import dev.netloom.app.workspace.StudyRecord;
import dev.netloom.app.workspace.Workspace;
import dev.netloom.devices.DeviceProfile;
import dev.netloom.export.ExportException;
import dev.netloom.export.ExportRequest;
import dev.netloom.export.ExportResult;
import dev.netloom.export.bundle.BundleVerifier;
import dev.netloom.export.bundle.SigningKey;
import dev.netloom.export.bundle.VerifyReport;
import dev.netloom.graph.Units;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.SearchSection;
import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.pruner.NopPruner;
import dev.netloom.hpo.sampler.TpeSampler;
import dev.netloom.hpo.sampler.TpeSettings;
import dev.netloom.hpo.storage.Storage;
import dev.netloom.hpo.storage.StorageUrl;
import dev.netloom.train.TrainingSection;
import dev.netloom.train.TrainingSettings;
import dev.netloom.train.data.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/**
 * {@code netloom demo}: the whole pipeline without a window, from a fresh clone. It writes the
 * image + text Mixture-of-Experts template as a project, trains it on generated Shapes QA, runs a
 * small search over its searchable settings, exports an INT4 bundle for a Raspberry Pi 5, verifies
 * the bundle, and prints where everything went with the numbers that matter. Each step calls the
 * service its own command uses ({@code train}, {@code tune}, {@code export}, {@code verify}), and
 * the run, the study and the bundle are recorded in the workspace as those commands would.
 */
@Command(name = "demo", description = "Train, search, export and verify a small image + text MoE model end to end "
        + "(a few minutes, no window needed).", mixinStandardHelpOptions = true, sortOptions = false)
final class DemoCommand implements Callable<Integer> {

    /** The template the demo builds. */
    static final String TEMPLATE = "image-text-moe";
    /** The device and precision the demo exports for. */
    static final String DEVICE = "raspberry-pi-5";
    static final String PRECISION = "int4";

    @ParentCommand
    NetloomCommand netloom;

    @Option(names = {"-o", "--out"}, defaultValue = "netloom-demo", paramLabel = "DIR",
            description = "Where the project, model, search and bundle go; must be new or empty (default: ./${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--examples", paramLabel = "N", description = "Shapes QA examples to generate (default: the "
            + "template's 6000; 300 with --quick).")
    Integer examples;

    @Option(names = "--trials", paramLabel = "N", description = "Search trials of one epoch each (default: 3; 2 with --quick).")
    Integer trials;

    @Option(names = "--quick", description = "A tiny budget (300 examples, one epoch, 2 trials): checks the pipeline, "
            + "not the model.")
    boolean quick;

    @Override
    public Integer call() {
        int trialCount = trials != null ? trials : quick ? 2 : 3;
        if (trialCount < 1 || (examples != null && examples < 50)) {
            netloom.err.println("netloom demo: --trials must be 1 or more and --examples 50 or more");
            return ExitCode.USAGE;
        }
        try {
            if (Files.isDirectory(out)) {
                try (var entries = Files.list(out)) {
                    if (entries.findAny().isPresent()) {
                        netloom.err.println("netloom demo: " + out + " is not empty; choose a new folder with --out");
                        return ExitCode.USAGE;
                    }
                }
            }
            Files.createDirectories(out);
        } catch (IOException e) {
            netloom.err.println("netloom demo: cannot create " + out + ": " + e.getMessage());
            return ExitCode.INVALID;
        }
        Instant started = Instant.now();
        try (Workspace workspace = netloom.openWorkspace("demo")) {
            return run(workspace.runs(), trialCount, started);
        } catch (java.sql.SQLException e) {
            netloom.err.println("netloom demo: cannot open the workspace: " + e.getMessage());
            return ExitCode.FAILURE;
        } catch (IOException | ExportException | dev.netloom.train.TrainingException
                 | dev.netloom.train.data.InputMismatchException e) {
            netloom.err.println("netloom demo: " + e.getMessage());
            return ExitCode.INVALID;
        }
    }

    private int run(RunLog log, int trialCount, Instant started) throws IOException, dev.netloom.train.TrainingException,
            dev.netloom.train.data.InputMismatchException {
        Path home = out.toAbsolutePath().normalize();
        // 1. The project, from the template.
        step(1, "Project: the " + TEMPLATE + " template");
        Project project = netloom.services.templates().find(TEMPLATE).orElseThrow(() -> new IOException(
                "the template " + TEMPLATE + " is missing from this build; rebuild netloom")).project();
        ObjectNode data = (ObjectNode) project.section("data").orElseThrow().deepCopy();
        if (examples != null || quick) {
            data.put("examples", examples != null ? examples : 300);
        }
        TrainingSettings settings = TrainingSection.read(project.section("training").orElse(null));
        if (quick) {
            settings = settings.withEpochs(1);
        }
        project = project.withSection("data", data).withSection("training", TrainingSection.write(settings));
        Path projectFile = home.resolve(TEMPLATE + ".netloom");
        netloom.services.projectFile().write(project, projectFile);
        GraphAnalysis analysis = netloom.services.analyzer().analyze(project.graph());
        netloom.out.printf(Locale.ROOT, "  %s: %d layers, %s parameters (%s used per example), %s multiply-adds%n",
                projectFile, project.graph().nodes().size(), Units.count(analysis.total().parameters()),
                Units.count(analysis.total().activeParameters()), Units.count(analysis.total().activeMultiplyAdds()));

        // 2. Training, as netloom train does it.
        step(2, "Training on Shapes QA (" + settings.epochs() + " epoch" + (settings.epochs() == 1 ? "" : "s") + ")");
        Dataset dataset = ProjectDataset.read(data, home, analysis, settings.seed(), netloom.out);
        Path model = home.resolve("model");
        ModelTraining training = ModelTraining.prepare(project, analysis, dataset, settings);
        // Recorded as netloom train and the Train view record runs: the run, then each finished epoch.
        RunRecorder recorder = RunRecorder.start(log, projectFile, "demo", settings, dataset);
        training.run().listener(new TrainingProgress(netloom.out, false)).listener(recorder);
        ModelTraining.Outcome trained;
        try {
            trained = training.trainAndWrite(model, home, netloom.services.projectFile());
        } catch (IOException | dev.netloom.train.TrainingException | RuntimeException e) {
            recorder.failed(e.getMessage());
            throw e;
        }
        recorder.finished(trained);
        netloom.out.printf(Locale.ROOT, "  test accuracy %.2f%% on %,d examples; model in %s%n",
                trained.test().accuracy() * 100, trained.test().examples(), model);

        // 3. A small search, as netloom tune does it.
        dev.netloom.graph.search.SearchSpace space;
        try {
            space = SearchSection.of(project, netloom.services.catalog());
        } catch (dev.netloom.graph.project.ProjectFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
        step(3, "Search: " + trialCount + " trial" + (trialCount == 1 ? "" : "s") + " of one epoch over "
                + space.parameters().stream()
                .map(p -> p.target().text().replaceFirst("^node:", "")).toList());
        Path search = home.resolve("search");
        Files.createDirectories(search);
        String storage = "sqlite:" + search.resolve("study.db");
        ModelSearch modelSearch = new ModelSearch(project, dataset, settings.withEpochs(1),
                space, List.of(SearchObjective.ACCURACY), 0, search,
                netloom.services.analyzer(), netloom.services.projectFile(), home, o -> {
                    netloom.out.printf(Locale.ROOT, "  trial #%d %s: validation accuracy %s, %s parameters, %.0f s  %s%n",
                            o.number(), o.state(), Double.isNaN(o.accuracy()) ? "-" : String.format(Locale.ROOT, "%.2f%%",
                                    o.accuracy() * 100), Units.count(o.parameters()), o.seconds(),
                            SearchRun.choices(o.choices()) + (o.note().isEmpty() ? "" : "  " + o.note()));
                    netloom.out.flush();
                });
        FrozenTrial best;
        try (Storage store = StorageUrl.open(storage)) {
            Study study = Study.builder(store).setName("demo").optDirections(SearchObjective.ACCURACY.direction()).optSampler(new TpeSampler(TpeSettings.defaults(), 42))
                    .optPruner(new NopPruner()).build();
            log.study(new StudyRecord("demo", RunLog.key(projectFile), storage, search.toString(), "accuracy",
                    Instant.now()));
            study.optimize(modelSearch.objective(), dev.netloom.hpo.OptimizeSettings.of(trialCount)
                    .tolerating(ModelSearch.TRIAL_FAILURES));
            List<FrozenTrial> done = study.trials(TrialState.COMPLETE);
            best = done.isEmpty() ? null : study.bestTrial();
        }
        if (best != null) {
            netloom.out.printf(Locale.ROOT, "  best: trial #%d, validation accuracy %.2f%%, %s; study in %s%n",
                    best.number(), best.values().get(0) * 100, SearchRun.choices(best.params()), storage);
        } else {
            netloom.out.println("  no trial completed; study in " + storage);
        }

        // 4. Export, as netloom export does it.
        DeviceProfile device = DeviceCatalogs.load(null, netloom.services, netloom.err).find(DEVICE).orElseThrow();
        step(4, "Export: " + PRECISION.toUpperCase(Locale.ROOT) + " bundle for " + device.name());
        Path bundleDir = home.resolve("bundle-" + DEVICE + "-" + PRECISION);
        ExportRequest request = new ExportRequest(device, PRECISION, OptionalDouble.empty(), 0, "1", bundleDir, false);
        SigningKey key = SigningKey.inDirectory(netloom.services.home().resolve("keys"));
        ExportResult result = new ModelExport(netloom.services.projectFile(), key).export(model, request,
                line -> {
                    netloom.out.println("  " + line);
                    netloom.out.flush();
                });
        ModelExport.record(log, model, request, result);

        // 5. Verify, as netloom verify does it.
        step(5, "Verify: every checksum and the signature");
        VerifyReport verified = BundleVerifier.verify(result.bundle().zip(), Optional.empty());
        verified.findings().forEach(f -> netloom.out.println("  " + f));
        netloom.out.printf(Locale.ROOT, "  %s: %d files match, signature %s%n", verified.ok() ? "VERIFIED" : "FAILED",
                verified.filesMatched(), verified.trust() == VerifyReport.Trust.NONE ? "invalid" : "valid");

        summary(home, projectFile, model, storage, result, trained, device, verified, started);
        return verified.ok() ? ExitCode.OK : ExitCode.INVALID;
    }

    private void step(int n, String what) {
        netloom.out.printf(Locale.ROOT, "%n[%d/5] %s%n", n, what);
        netloom.out.flush();
    }

    private void summary(Path home, Path projectFile, Path model, String storage, ExportResult r,
                         ModelTraining.Outcome trained, DeviceProfile device, VerifyReport verified, Instant started) {
        Long bundleBytes = r.bundle().manifest().sizes().bundleBytes();
        netloom.out.printf(Locale.ROOT, "%nSummary (%s in all)%n", seconds(Duration.between(started, Instant.now())));
        netloom.out.printf(Locale.ROOT, "  project         %s%n", projectFile);
        netloom.out.printf(Locale.ROOT, "  model           %s  (test accuracy %.2f%%)%n", model, trained.test().accuracy() * 100);
        netloom.out.printf(Locale.ROOT, "  search          %s%n", storage);
        netloom.out.printf(Locale.ROOT, "  bundle          %s  and  %s%n", r.bundle().dir(), r.bundle().zip());
        netloom.out.printf(Locale.ROOT, "  accuracy        %s%n", Double.isNaN(r.accuracy()) ? "not measured"
                : String.format(Locale.ROOT, "%.2f%% after INT4 (FP32 %.2f%%, drop %.2f points)", r.accuracy() * 100,
                r.fp32Accuracy() * 100, r.dropPoints()));
        netloom.out.printf(Locale.ROOT, "  bundle size     %s (model.onnx %s)%n", Units.bytes(bundleBytes == null ? 0 : bundleBytes),
                Units.bytes(r.model().bytes().length));
        netloom.out.printf(Locale.ROOT, "  bits per weight %.2f%n", r.model().bitsPerWeight());
        netloom.out.printf(Locale.ROOT, "  %-15s estimated %.2f ms per example at %d threads (%s)%n", "Pi 5",
                r.estimate().latencyMs(), r.estimate().threads(), r.estimate().fits() ? "fits" : "does not fit");
        netloom.out.printf(Locale.ROOT, "  this computer   measured %.3f ms per example in ONNX Runtime%n",
                r.thisComputer().medianMs());
        netloom.out.printf(Locale.ROOT, "  verified        %s%n", verified.ok() ? "yes (netloom verify " + r.bundle().zip() + ")" : "NO");
        netloom.out.println("Recorded in the workspace: the run, the study \"demo\" and the bundle. Open the studio with "
                + "./netloom (needs a display) to see them.");
        netloom.out.flush();
    }

    private static String seconds(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }
}
