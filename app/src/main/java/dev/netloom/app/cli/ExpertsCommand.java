package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.train.ExpertShares;
import dev.netloom.train.artifact.ModelArtifact;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.InputBinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code netloom experts ARTIFACT}: for each Mixture-of-Experts layer of a trained model, each
 * expert's share of the token assignments on the validation data (or another split), measured by
 * running the model as it predicts ({@link ExpertShares}). Experts with a small share are the ones
 * expert pruning would remove. Exit 0, 1 for a model without MoE layers or data it cannot read.
 */
@Command(name = "experts", description = "Each MoE layer's share of tokens per expert on the validation data.",
        mixinStandardHelpOptions = true)
final class ExpertsCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Parameters(index = "0", paramLabel = "ARTIFACT", description = "A model folder written by netloom train.")
    Path artifact;

    @Option(names = "--split", paramLabel = "SPLIT",
            description = "Which split's examples to route: validation (default), test or train.")
    String split;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        String which = split == null ? "validation" : split;
        if (!List.of("test", "validation", "train").contains(which)) {
            netloom.err.println("netloom experts: --split must be validation, test or train, got " + which);
            return ExitCode.USAGE;
        }
        try (ModelArtifact.Loaded loaded = ModelArtifact.load(artifact, netloom.services.projectFile())) {
            GraphAnalysis analysis = loaded.model().analysis();
            List<String> moe = analysis.order().stream()
                    .filter(id -> LayerType.MOE.name().equals(analysis.graph().requireNode(id).type())).toList();
            if (moe.isEmpty()) {
                netloom.err.println("netloom experts: " + artifact + " has no Mixture-of-Experts layer");
                return ExitCode.INVALID;
            }
            // The data the model was trained on, read as netloom eval reads it (same seed, so the same splits).
            JsonNode section = ProjectDataset.section(loaded.project(), null);
            Dataset dataset = ProjectDataset.read(section, ProjectDataset.recordedFolder(loaded, artifact), analysis,
                    ProjectDataset.seedOf(loaded), loaded.fitted(),
                    json ? new java.io.PrintWriter(java.io.Writer.nullWriter()) : netloom.out);
            InputBinding.bind(analysis, dataset);
            Examples examples = ProjectDataset.split(dataset, which);
            if (examples.size() == 0) {
                netloom.err.println("netloom experts: the " + which + " split has no example to route");
                return ExitCode.INVALID;
            }
            ExpertShares shares = ExpertShares.measure(loaded.model(), examples, 64);
            netloom.out.print(json ? json(shares, which) : text(shares, which));
            return ExitCode.OK;
        } catch (dev.netloom.train.data.InputMismatchException e) {
            netloom.err.println("netloom experts: " + e.getMessage());
            return ExitCode.INVALID;
        }
    }

    private static String text(ExpertShares shares, String split) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Expert shares on the %s split (%d examples; a token counts once per "
                + "expert its router picks):%n", split, shares.examples()));
        shares.tokensPerExpert().forEach((node, counts) -> {
            double[] share = shares.shares(node);
            TextTable table = new TextTable("EXPERT", ">TOKENS", ">SHARE", "");
            for (int e = 0; e < counts.length; e++) {
                table.add(Integer.toString(e), Long.toString(counts[e]), String.format(Locale.ROOT, "%.1f%%", share[e] * 100),
                        "#".repeat((int) Math.round(share[e] * 40)));
            }
            out.append('\n').append(node).append(": ").append(shares.assignments(node)).append(" assignments\n")
                    .append(table.render());
        });
        return out.toString();
    }

    private static String json(ExpertShares shares, String split) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("split", split);
        root.put("examples", shares.examples());
        ArrayNode layers = root.putArray("layers");
        shares.tokensPerExpert().forEach((node, counts) -> {
            ObjectNode o = layers.addObject();
            o.put("node", node);
            o.put("assignments", shares.assignments(node));
            ArrayNode experts = o.putArray("experts");
            double[] share = shares.shares(node);
            for (int e = 0; e < counts.length; e++) {
                experts.addObject().put("expert", e).put("tokens", counts[e]).put("share", share[e]);
            }
        });
        return mapper.writeValueAsString(root) + "\n";
    }
}
