package dev.netloom.app.cli;

import dev.netloom.graph.Units;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.project.Templates;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code netloom templates}: the templates a new project can start from. */
@Command(name = "templates", description = "List the templates a new project can start from.",
        mixinStandardHelpOptions = true)
final class TemplatesCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Override
    public Integer call() {
        TextTable table = new TextTable("NAME", "TITLE", ">PARAMETERS", ">MULTIPLY-ADDS", "DESCRIPTION");
        for (Templates.Template t : netloom.services.templates().all()) {
            GraphAnalysis a = netloom.services.analyzer().analyze(t.project().graph());
            table.add(t.name(), t.project().name(), Units.count(a.total().parameters()),
                    Units.count(a.total().activeMultiplyAdds()), clip(t.project().description(), 72));
        }
        netloom.out.print(table.render());
        netloom.out.println("Start one with: netloom new --template NAME FILE.netloom");
        return ExitCode.OK;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
