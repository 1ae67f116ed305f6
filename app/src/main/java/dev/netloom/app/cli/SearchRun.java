package dev.netloom.app.cli;

import dev.netloom.graph.Units;
import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.app.search.ModelSearch;
import dev.netloom.app.search.SearchConstraint;
import dev.netloom.app.search.SearchObjective;
import dev.netloom.app.search.SearchStrategies;
import dev.netloom.app.search.TrialConstraints;
import dev.netloom.app.search.TrialLatency;
import dev.netloom.devices.DeviceCatalog;
import dev.netloom.devices.DeviceProfile;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFormatException;
import dev.netloom.graph.project.SearchSection;
import dev.netloom.graph.search.SearchSpace;
import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.OptimizationStopped;
import dev.netloom.hpo.OptimizeSettings;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.pruner.Pruner;
import dev.netloom.hpo.sampler.SamplerChoice;
import dev.netloom.hpo.storage.Storage;
import dev.netloom.hpo.storage.StorageUrl;
import dev.netloom.train.TrainingSection;
import dev.netloom.train.TrainingSettings;
import dev.netloom.train.data.Dataset;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code tune} and {@code tune-worker} share (a picocli mixin): the project and its data,
 * the study (storage, name, sampler, pruner, objectives), and running trials with a live table.
 */
final class SearchRun {

    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project file; its search section says what may change.")
    Path projectFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where trial models go (DIR/trials/NNN).")
    Path out;

    @Option(names = "--trials", paramLabel = "N", defaultValue = "20", description = "Trials to run (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--timeout", paramLabel = "TIME", description = "Stop starting trials after this long: 90s, 30m, 2h.")
    String timeout;

    @Option(names = "--workers", paramLabel = "K", defaultValue = "1",
            description = "Trials run at once, as K processes on this computer sharing the study (default: "
                    + "${DEFAULT-VALUE}); each uses the training section's threads.")
    int workers;

    @Option(names = "--storage", paramLabel = "URL",
            description = "Study storage: sqlite:/path/study.db (default: DIR/study.db) or postgresql://host:port/db?user=...")
    String storage;

    @Option(names = "--study", paramLabel = "NAME", description = "The study's name (default: the project file's name).")
    String study;

    @Option(names = "--objective", paramLabel = "LIST", defaultValue = "accuracy",
            description = "accuracy, optionally with parameters, multiply-adds, latency and/or energy: several give a Pareto set.")
    String objective;

    @Option(names = "--device", paramLabel = "ID",
            description = "The device the latency and energy objectives are estimated on (see 'netloom profiles').")
    String device;

    @Option(names = "--max-parameters", paramLabel = "N", defaultValue = "0",
            description = "A parameter budget: larger trial models fail before training.")
    long maxParameters;

    @Option(names = "--sampler", paramLabel = "NAME", description = "tpe (default for one objective), nsga2 (default for "
            + "several), gp (Gaussian process, for small budgets), auto (chosen from the budget and the space), random or cmaes.")
    String sampler;

    @Option(names = "--constraint", paramLabel = "RULE", description = "A limit every model must keep (repeatable): "
            + "latency<=20ms@DEVICE, parameters<=1M, multiply-adds<=50M. Trials that break one are not trained.")
    List<String> constraints = new java.util.ArrayList<>();

    @Option(names = "--pruner", paramLabel = "NAME", defaultValue = "median",
            description = "median (default), asha, hyperband, pareto (for several objectives: stops a trial "
                    + "that, credited with the biggest late gain a finished one made, still ends beaten on accuracy "
                    + "and every other objective) or none.")
    String pruner;

    @Option(names = "--epochs", paramLabel = "N", description = "Override the epochs of every trial.")
    Integer epochs;

    @Option(names = "--data", paramLabel = "DATA", description = "A data section as JSON, a file, or a source name.")
    String data;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seeds the sampler (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--stop-after-failures", paramLabel = "N", defaultValue = "3",
            description = "Stop after N trials failed in a row, with the first one's reason (default: ${DEFAULT-VALUE}; 0: never).")
    int stopAfterFailures;

    @Option(names = "--heartbeat-grace", paramLabel = "TIME",
            description = "Fail a running trial whose process has been silent this long: 90s, 5m (default: 3 heartbeats, 90s).")
    String heartbeatGrace;

    /** Runs trials of the study; {@code mustExist} for a worker joining someone else's study. */
    int run(NetloomCommand netloom, String command, boolean mustExist) {
        // The search changes a block use's repeat count or block on the graph as drawn; everything measured
        // before the first trial (validity, data, latency) reads its expansion.
        Project drawn = netloom.loadDrawn(projectFile).orElse(null);
        Project project = drawn == null ? null : netloom.load(projectFile).orElse(null);
        if (project == null) {
            return ExitCode.INVALID;
        }
        GraphAnalysis analysis = netloom.services.analyzer().analyze(project.graph());
        if (!analysis.isValid()) {
            analysis.problems().forEach(p -> netloom.err.println(projectFile + ": " + p));
            return ExitCode.INVALID;
        }
        List<SearchObjective> objectives;
        List<SearchConstraint> rules;
        SearchSpace space;
        TrainingSettings settings;
        Duration limit;
        try {
            objectives = SearchObjective.parse(objective);
            rules = constraints.stream().map(SearchConstraint::parse).toList();
            space = SearchSection.of(drawn, netloom.services.catalog());
            settings = TrainingSection.read(project.section("training").orElse(null));
            if (epochs != null) {
                settings = settings.withEpochs(epochs);
            }
            limit = timeout == null ? null : parseDuration(timeout);
            if (heartbeatGrace != null && parseDuration(heartbeatGrace).compareTo(ModelSearch.HEARTBEAT) <= 0) {
                throw new IllegalArgumentException("--heartbeat-grace must be longer than the heartbeat ("
                        + ModelSearch.HEARTBEAT.toSeconds() + "s)");
            }
            if (stopAfterFailures < 0) {
                throw new IllegalArgumentException("--stop-after-failures must be 0 or more");
            }
        } catch (IllegalArgumentException | ProjectFormatException e) {
            netloom.err.println("netloom " + command + ": " + e.getMessage());
            return ExitCode.INVALID;
        }
        if (space.isEmpty()) {
            netloom.err.println("netloom " + command + ": " + projectFile + " marks nothing searchable; mark parameters "
                    + "in the designer or list them in the project's search section");
            return ExitCode.INVALID;
        }
        TrialLatency latency = null;
        TrialConstraints limits = TrialConstraints.NONE;
        if (!rules.isEmpty()) {
            limits = constraints(netloom, command, project, rules);
            if (limits == null) {
                return ExitCode.USAGE;
            }
        }
        SearchObjective onDevice = objectives.stream().filter(SearchObjective::needsDevice).findFirst().orElse(null);
        if (onDevice != null || device != null) {
            if (device == null) {
                netloom.err.println("netloom " + command + ": the " + onDevice.word() + " objective needs --device ID "
                        + "(see 'netloom profiles')");
                return ExitCode.USAGE;
            }
            DeviceCatalog catalog = DeviceCatalogs.load(null, netloom.services, netloom.err);
            DeviceProfile profile = DeviceCatalogs.find(catalog, device, command, netloom.err).orElse(null);
            if (profile == null) {
                return ExitCode.USAGE;
            }
            latency = TrialLatency.forProject(profile, project);
            if (objectives.contains(SearchObjective.ENERGY) && !latency.estimatesEnergy()) {
                netloom.err.println("netloom " + command + ": the energy objective needs a device with a power figure; "
                        + profile.id() + " has none (" + profile.power().scope() + ")");
                return ExitCode.USAGE;
            }
        }
        Path folder = projectFile.toAbsolutePath().getParent();
        String url = storage != null ? storage : "sqlite:" + out.toAbsolutePath().resolve("study.db");
        String name = study != null ? study : projectFile.getFileName().toString().replaceFirst("\\.netloom$", "");
        try {
            Files.createDirectories(out);
            JsonNode section = ProjectDataset.section(project, data);
            Dataset dataset = ProjectDataset.read(section, folder, analysis, settings.seed(), netloom.out);
            Project withData = drawn.withSection("data", section);
            try (Storage store = StorageUrl.open(url)) {
                if (mustExist && store.findStudy(name).isEmpty()) {
                    netloom.err.println("netloom " + command + ": no study \"" + name + "\" in " + url);
                    return ExitCode.USAGE;
                }
                SamplerChoice choice = SearchStrategies.choose(sampler, objectives.size(), trials, space, seed);
                Study s = Study.builder(store).setName(name)
                        .optDirections(objectives.stream().map(SearchObjective::direction).toArray(StudyDirection[]::new))
                        .optSampler(choice.sampler())
                        .optPruner(pruner(settings.epochs()))
                        .optHeartbeat(ModelSearch.HEARTBEAT, heartbeatGrace == null
                                ? ModelSearch.HEARTBEAT.multipliedBy(Study.DEFAULT_GRACE_INTERVALS) : parseDuration(heartbeatGrace))
                        .build();
                ModelSearch search = ModelSearch.withLatency(withData, dataset, settings, space, objectives, maxParameters,
                        out, netloom.services.analyzer(), netloom.services.projectFile(), folder, latency, outcome -> { })
                        .withConstraints(limits);
                // DJL trains one model at a time per process (one gradient tape), so parallel trials are
                // worker processes sharing the study's storage; this process runs its share too.
                int processes = mustExist ? 1 : Math.max(1, workers);
                int own = trials / processes + (trials % processes > 0 ? 1 : 0);
                netloom.out.printf(Locale.ROOT, "Study %s in %s: %d trials in %d process%s, objectives %s, sampler %s, "
                                + "pruner %s%n", name, url, trials, processes, processes == 1 ? "" : "es",
                        objectives.stream().map(SearchObjective::word).collect(Collectors.joining(", "))
                                + (latency != null ? " (" + onDevice(objectives) + " on " + latency.describe() + ")" : ""),
                        s.sampler().getClass().getSimpleName(), s.pruner().getClass().getSimpleName());
                if (choice.reason() != null) {
                    netloom.out.println("sampler auto: " + choice.reason());
                }
                if (!limits.isEmpty()) {
                    netloom.out.println("Constraints: " + String.join(", ", rules.stream().map(SearchConstraint::text).toList())
                            + " (trials that break one are not trained)");
                }
                List<Process> helpers = new java.util.ArrayList<>();
                for (int i = 1; i < processes; i++) {
                    int share = trials / processes + (i < trials % processes ? 1 : 0);
                    helpers.add(startWorker(name, url, share, i));
                }
                OptimizationStopped stopped = null;
                try (TrialTable table = new TrialTable(netloom.out, s)) {
                    table.follow();
                    try {
                        s.optimize(search.objective(), OptimizeSettings.of(own).withTimeout(limit)
                                .tolerating(ModelSearch.TRIAL_FAILURES).stoppingAfterConsecutiveFailures(stopAfterFailures));
                    } catch (OptimizationStopped e) {
                        stopped = e;
                        helpers.forEach(Process::destroy); // they would stop on the same failures; no need to wait
                    }
                    for (Process p : helpers) {
                        p.waitFor();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    helpers.forEach(Process::destroy);
                }
                summary(netloom.out, s, objectives);
                if (stopped != null) {
                    return stoppedBy(netloom, command, stopped);
                }
                return ExitCode.OK;
            }
        } catch (IOException | RuntimeException e) {
            netloom.err.println("netloom " + command + ": " + e.getMessage());
            return e instanceof IOException ? ExitCode.INVALID : ExitCode.FAILURE;
        }
    }

    /** "latency", "energy", "latency and energy": what is estimated on the device (latency when only a device is given). */
    private static String onDevice(List<SearchObjective> objectives) {
        String words = objectives.stream().filter(SearchObjective::needsDevice).map(SearchObjective::word)
                .collect(Collectors.joining(" and "));
        return words.isEmpty() ? "latency" : words;
    }

    /** The one line for a search that stopped on failing trials; exit 1, or 3 for an error in netloom itself. */
    private static int stoppedBy(NetloomCommand netloom, String command, OptimizationStopped e) {
        if (e.getCause() != null) {
            netloom.err.println("netloom " + command + ": trial #" + e.trial().number() + " failed with an internal error "
                    + "and the search stopped: " + e.getCause() + " (please report this; the whole trace is in the "
                    + "trial's fail_trace)");
            return ExitCode.FAILURE;
        }
        netloom.err.println("netloom " + command + ": stopped after " + e.getMessage().replaceFirst(";.*", "")
                + "; the first, #" + e.trial().number() + ", failed with: " + ModelSearch.failureReason(e.trial()));
        return ExitCode.INVALID;
    }

    /** A {@code netloom tune-worker} child process on the same study, its output in DIR/worker-N.log. */
    private Process startWorker(String name, String url, int share, int index) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Dai.djl.offline=true", "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), "dev.netloom.app.Main", "tune-worker",
                projectFile.toString(), "--study", name, "--storage", url, "--out", out.toString(),
                "--trials", Integer.toString(share), "--objective", objective, "--pruner", pruner,
                "--max-parameters", Long.toString(maxParameters), "--seed", Long.toString(seed + index),
                "--stop-after-failures", Integer.toString(stopAfterFailures)));
        if (heartbeatGrace != null) {
            command.addAll(List.of("--heartbeat-grace", heartbeatGrace));
        }
        if (sampler != null) {
            command.addAll(List.of("--sampler", sampler));
        }
        for (String c : constraints) {
            command.addAll(List.of("--constraint", c));
        }
        if (device != null) {
            command.addAll(List.of("--device", device));
        }
        if (epochs != null) {
            command.addAll(List.of("--epochs", epochs.toString()));
        }
        if (data != null) {
            command.addAll(List.of("--data", data));
        }
        Path log = out.resolve("worker-" + index + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The constraints with a device estimate for each latency limit; null after saying what is wrong. */
    private TrialConstraints constraints(NetloomCommand netloom, String command, Project project, List<SearchConstraint> rules) {
        List<TrialLatency> latencies = new java.util.ArrayList<>();
        DeviceCatalog catalog = null;
        for (SearchConstraint rule : rules) {
            if (rule.metric() != SearchConstraint.Metric.LATENCY) {
                latencies.add(null);
                continue;
            }
            String id = rule.deviceId() != null ? rule.deviceId() : device;
            if (id == null) {
                netloom.err.println("netloom " + command + ": constraint " + rule.text() + " needs a device: write "
                        + rule.text() + "@DEVICE or give --device ID (see 'netloom profiles')");
                return null;
            }
            if (catalog == null) {
                catalog = DeviceCatalogs.load(null, netloom.services, netloom.err);
            }
            DeviceProfile profile = DeviceCatalogs.find(catalog, id, command, netloom.err).orElse(null);
            if (profile == null) {
                return null;
            }
            latencies.add(TrialLatency.forProject(profile, project));
        }
        return new TrialConstraints(rules, latencies);
    }

    private Pruner pruner(int epochsPerTrial) {
        return SearchStrategies.pruner(pruner, epochsPerTrial);
    }

    static Duration parseDuration(String text) {
        var m = java.util.regex.Pattern.compile("(\\d+)\\s*([smh])").matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--timeout: expected a number with s, m or h (90s, 30m, 2h), got " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private static void summary(PrintWriter out, Study s, List<SearchObjective> objectives) {
        List<FrozenTrial> done = s.trials(TrialState.COMPLETE);
        long pruned = s.trials(TrialState.PRUNED).size();
        long failed = s.trials(TrialState.FAIL).size();
        out.printf(Locale.ROOT, "%d trials complete, %d pruned, %d failed.%n", done.size(), pruned, failed);
        s.trials(TrialState.FAIL).stream().limit(3).forEach(t -> out.printf(Locale.ROOT, "  #%d failed: %s%n",
                t.number(), TrialTable.reason(t)));
        if (done.isEmpty()) {
            return;
        }
        List<FrozenTrial> best = s.bestTrials();
        if (best.isEmpty()) {
            out.println("No complete trial meets the constraints.");
            out.flush();
            return;
        }
        if (objectives.size() == 1) {
            best = List.of(s.bestTrial());
        }
        out.println(objectives.size() > 1 ? "Pareto set (no trial beats these on every objective):" : "Best trial:");
        for (FrozenTrial t : best) {
            Object latency = t.userAttrs().get("latencyMs");
            Object energy = t.userAttrs().get("energyMj");
            out.printf(Locale.ROOT, "  #%d  validation accuracy %.2f%%  %s parameters  %s multiply-adds%s%s  %s%n", t.number(),
                    t.values().get(0) * 100, Units.count(((Number) t.userAttrs().get("parameters")).longValue()),
                    Units.count(((Number) t.userAttrs().get("multiplyAdds")).longValue()),
                    latency instanceof Number ms ? String.format(Locale.ROOT, "  latency %.3f ms", ms.doubleValue()) : "",
                    energy instanceof Number mj ? String.format(Locale.ROOT, "  energy %.3g mJ", mj.doubleValue()) : "",
                    choices(t.params()));
            ModelSearch.artifactOf(t).ifPresent(p -> out.println("       model: " + p + "  (netloom eval " + p + ")"));
        }
        out.flush();
    }

    static String choices(Map<String, Object> params) {
        return params.entrySet().stream().map(e -> e.getKey().replaceFirst("^node:", "") + "=" + TrialTable.value(e.getValue()))
                .collect(Collectors.joining(" "));
    }
}
