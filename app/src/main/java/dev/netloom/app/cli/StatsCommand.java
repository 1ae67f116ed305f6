package dev.netloom.app.cli;

import dev.netloom.graph.Units;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.graph.Cost;
import dev.netloom.graph.Node;
import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.analysis.Problem;
import dev.netloom.graph.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code netloom stats FILE}: a per-layer table of output shape, parameters, multiply-adds and
 * activation memory, with totals and weight sizes per precision. {@code --json} for machines.
 * An invalid model still gets the rows that could be inferred, its problems on stderr, and exit 1.
 */
@Command(name = "stats", description = "Show each layer's output shape, parameters, multiply-adds and memory.",
        mixinStandardHelpOptions = true)
final class StatsCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Parameters(index = "0", paramLabel = "FILE", description = "A project file (.netloom).")
    Path file;

    @Override
    public Integer call() {
        Project project = netloom.load(file).orElse(null);
        if (project == null) {
            return ExitCode.INVALID;
        }
        GraphAnalysis analysis = netloom.services.analyzer().analyze(project.graph());
        analysis.problems().forEach(p -> netloom.err.println(file + ": " + p));
        netloom.out.print(json ? json(project, analysis) : table(project, analysis));
        return analysis.isValid() ? ExitCode.OK : ExitCode.INVALID;
    }

    private static List<NodeReport> rows(Project project, GraphAnalysis analysis) {
        List<NodeReport> rows = new ArrayList<>();
        for (String id : analysis.order()) {
            analysis.report(id).ifPresent(rows::add);
        }
        return rows;
    }

    private static String table(Project project, GraphAnalysis analysis) {
        TextTable table = new TextTable("LAYER", "TYPE", "OUTPUT", ">PARAMETERS", ">MULTIPLY-ADDS", ">ACTIVATIONS");
        for (NodeReport r : rows(project, analysis)) {
            Cost c = r.cost();
            boolean routed = c.activeParameters() != c.parameters();
            table.add(r.node().displayName(), r.node().type(), r.out().toString(),
                    Units.exact(c.parameters()) + (routed ? " (" + Units.count(c.activeParameters()) + " active)" : ""),
                    Units.exact(c.activeMultiplyAdds()), Units.bytes(c.activationBytes()));
        }
        Cost t = analysis.total();
        table.addRule();
        table.add("total", "", "", Units.exact(t.parameters()), Units.exact(t.activeMultiplyAdds()),
                Units.bytes(t.activationBytes()));
        StringBuilder out = new StringBuilder();
        if (!project.name().isEmpty()) {
            out.append(project.name()).append('\n');
        }
        out.append(table.render()).append('\n');
        out.append("Parameters:    ").append(Units.count(t.parameters()));
        if (t.activeParameters() != t.parameters()) {
            out.append(" stored, ").append(Units.count(t.activeParameters())).append(" active per token (MoE top-k)");
        }
        out.append('\n');
        out.append("Multiply-adds: ").append(Units.count(t.activeMultiplyAdds())).append(" per example");
        if (t.activeMultiplyAdds() != t.multiplyAdds()) {
            out.append(" (").append(Units.count(t.multiplyAdds())).append(" if every expert ran)");
        }
        out.append('\n');
        out.append("Activations:   ").append(Units.bytes(analysis.peakActivationBytes()))
                .append(" peak when running one example, ").append(Units.bytes(t.activationBytes()))
                .append(" kept for training (FP32)\n");
        out.append("Weights:       ");
        List<String> sizes = new ArrayList<>();
        for (Precision p : Precision.values()) {
            sizes.add(p.displayName() + " " + Units.bytes(t.weightBytes(p)));
        }
        out.append(String.join(" | ", sizes)).append("  (raw weights, before quantization scales)\n");
        if (!analysis.isValid()) {
            out.append("The model is invalid: ").append(analysis.problems().size())
                    .append(" problem(s), listed above; layers after a problem are not counted.\n");
        }
        return out.toString();
    }

    private String json(Project project, GraphAnalysis analysis) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("file", file.toString());
        root.put("name", project.name());
        root.put("valid", analysis.isValid());
        ArrayNode problems = root.putArray("problems");
        for (Problem p : analysis.problems()) {
            ObjectNode o = problems.addObject();
            o.put("severity", p.severity().name().toLowerCase());
            o.put("node", p.nodeId());
            o.put("port", p.port());
            o.put("message", p.message());
            p.fix().ifPresent(f -> o.put("fix", f.description()));
        }
        ArrayNode layers = root.putArray("layers");
        for (NodeReport r : rows(project, analysis)) {
            Node n = r.node();
            ObjectNode o = layers.addObject();
            o.put("id", n.id());
            o.put("label", n.displayName());
            o.put("type", n.type());
            ArrayNode shape = o.putArray("outputShape");
            shape.add("N");
            r.out().dims().forEach(shape::add);
            cost(o, r.cost());
        }
        ObjectNode total = root.putObject("total");
        cost(total, analysis.total());
        total.put("peakActivationBytes", analysis.peakActivationBytes());
        ObjectNode weights = total.putObject("weightBytes");
        for (Precision p : Precision.values()) {
            weights.put(p.name(), analysis.total().weightBytes(p));
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void cost(ObjectNode o, Cost c) {
        o.put("parameters", c.parameters());
        o.put("activeParameters", c.activeParameters());
        o.put("multiplyAdds", c.multiplyAdds());
        o.put("activeMultiplyAdds", c.activeMultiplyAdds());
        o.put("activationBytes", c.activationBytes());
    }
}
