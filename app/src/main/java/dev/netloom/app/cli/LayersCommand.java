package dev.netloom.app.cli;

import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.ParamSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code netloom layers [TYPE]}: the layer catalog, or one layer's parameters and ports. */
@Command(name = "layers", description = "List the layer types, or describe one.", mixinStandardHelpOptions = true)
final class LayersCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Parameters(arity = "0..1", paramLabel = "TYPE", description = "A layer type to describe, for example Conv2d.")
    String type;

    @Override
    public Integer call() {
        if (type == null) {
            for (Map.Entry<Category, List<LayerSpec>> group : netloom.services.catalog().byCategory().entrySet()) {
                netloom.out.println(group.getKey().displayName());
                for (LayerSpec s : group.getValue()) {
                    netloom.out.printf("  %-24s %s%n", s.type(), s.description());
                }
            }
            return ExitCode.OK;
        }
        LayerSpec spec = netloom.services.catalog().find(type).orElse(null);
        if (spec == null) {
            netloom.err.println("netloom layers: " + netloom.services.catalog().unknownTypeMessage(type));
            return ExitCode.USAGE;
        }
        netloom.out.println(spec.type() + " (" + spec.category().displayName() + "): " + spec.description());
        TextTable params = new TextTable("PARAMETER", "DEFAULT", "ALLOWED", "MEANING");
        for (ParamSpec p : spec.params()) {
            params.add(p.name(), String.valueOf(p.defaultValue()), p.allowed(), p.description());
        }
        if (!spec.params().isEmpty()) {
            netloom.out.print(params.render());
        }
        spec.inputs().forEach(p -> netloom.out.println("input  " + p.name() + (p.required() ? "" : " (optional)")
                + ": " + p.description()));
        spec.outputs().forEach(p -> netloom.out.println("output " + p.name() + ": " + p.description()));
        return ExitCode.OK;
    }
}
