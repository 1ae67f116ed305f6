package dev.netloom.app.cli;

import dev.netloom.app.StudioServices;
import dev.netloom.app.Version;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.BlockSection;
import dev.netloom.graph.project.ProjectFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code netloom}: the command-line twin of the studio. Every subcommand calls the same
 * services the window does. Exit codes are in {@link ExitCode}; errors go to stderr, one line
 * per problem.
 */
@Command(name = "netloom", mixinStandardHelpOptions = true, versionProvider = NetloomCommand.VersionText.class,
        description = "Design, train and ship small neural networks. Run a command with --help for its options.",
        subcommands = {TemplatesCommand.class, NewCommand.class, ValidateCommand.class, StatsCommand.class, TrainCommand.class, EvalCommand.class, ExpertsCommand.class, PruneExpertsCommand.class, PredictCommand.class, TuneCommand.class, TuneWorkerCommand.class,
                LayersCommand.class, ProfilesCommand.class, EstimateCommand.class, ExportCommand.class, VerifyCommand.class, KeysCommand.class, PrecisionsCommand.class, DemoCommand.class, DiffCommand.class},
        sortOptions = false, usageHelpAutoWidth = true)
public final class NetloomCommand implements Runnable {

    final StudioServices services;
    final PrintWriter out;
    final PrintWriter err;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    NetloomCommand(StudioServices services, PrintWriter out, PrintWriter err) {
        this.services = services;
        this.out = out;
        this.err = err;
    }

    /** Runs a command line and returns its exit code. */
    public static int run(StudioServices services, PrintStream stdout, PrintStream stderr, String... args) {
        PrintWriter out = new PrintWriter(stdout, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(stderr, true, StandardCharsets.UTF_8);
        CommandLine cli = new CommandLine(new NetloomCommand(services, out, err));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> ExitCode.FAILURE);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("netloom: " + e.getMessage());
            err.println("Run 'netloom " + e.getCommandLine().getCommandSpec().qualifiedName(" ").replaceFirst("^netloom ?", "")
                    .trim() + (e.getCommandLine().getCommandSpec().qualifiedName().equals("netloom") ? "" : " ")
                    + "--help' for usage.");
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            err.println("netloom: internal error: " + e + " (please report this)");
            return ExitCode.FAILURE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** With no subcommand: the help ({@code Main} opens the studio instead when there is a display). */
    @Override
    public void run() {
        spec.commandLine().usage(out);
    }

    /**
     * Opens the workspace; when a damaged file had to be set aside, the one line saying so goes
     * to stderr first (the command goes on with the fresh workspace).
     */
    dev.netloom.app.workspace.Workspace openWorkspace(String command) throws java.sql.SQLException {
        dev.netloom.app.workspace.Workspace workspace = services.openWorkspace();
        workspace.notice().ifPresent(line -> err.println("netloom " + command + ": " + line));
        return workspace;
    }

    /**
     * Reads a project file with its blocks expanded into layers (what every command computes with),
     * or prints the one-line reason to stderr and returns empty.
     */
    Optional<Project> load(Path file) {
        return loadDrawn(file).flatMap(p -> {
            try {
                return Optional.of(BlockSection.flatten(p, services.catalog()));
            } catch (ProjectFormatException e) {
                err.println(e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** Reads a project file as drawn, block uses kept (the search changes their repeat counts and blocks). */
    Optional<Project> loadDrawn(Path file) {
        try {
            return Optional.of(services.projectFile().read(file));
        } catch (ProjectFormatException e) {
            err.println(e.getMessage());
            return Optional.empty();
        }
    }

    /** The version line. */
    static final class VersionText implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"netloom " + Version.current(), "Java " + System.getProperty("java.version")};
        }
    }
}
