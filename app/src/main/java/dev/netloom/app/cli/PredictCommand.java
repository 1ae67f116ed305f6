package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.app.predict.BadInputException;
import dev.netloom.app.predict.InputSlot;
import dev.netloom.app.predict.Prediction;
import dev.netloom.app.predict.PredictionService;
import dev.netloom.app.predict.Predictor;
import dev.netloom.app.predict.Queries;
import dev.netloom.app.predict.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code netloom predict MODEL INPUT...}: the most probable classes for pictures, texts, table
 * rows or manifest rows, from a model artifact (the training engine with the artifact's
 * preprocessing) or a bundle folder (ONNX Runtime with the manifest's preprocessing). The same
 * service as the studio's "Try it" panel ({@link PredictionService}).
 */
@Command(name = "predict", description = "Predict classes for pictures, texts or table rows with a trained model or a bundle.",
        mixinStandardHelpOptions = true, sortOptions = false)
final class PredictCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model folder written by netloom train, or a bundle "
            + "folder written by netloom export.")
    Path model;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "INPUT", description = "Pictures (files or folders), texts "
            + "(the text, or a .txt file), table rows (a CSV file with a header, or one row: a=1,b=x or 1,x), or for "
            + "a model with several inputs a CSV/JSONL manifest with a column per input.")
    List<String> inputs;

    @Option(names = "--top", paramLabel = "K", defaultValue = "3",
            description = "How many classes to show per input (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "One JSON object per input and line: {\"input\", \"top\": [{\"class\", \"probability\"}]}.")
    boolean json;

    @Override
    public Integer call() {
        if (top < 1) {
            netloom.err.println("netloom predict: --top must be at least 1, got " + top);
            return ExitCode.USAGE;
        }
        try (Predictor predictor = PredictionService.open(model, netloom.services.projectFile())) {
            List<Query> queries = Queries.parse(predictor.inputs(), inputs);
            List<Prediction> predictions = PredictionService.predict(predictor, queries, top);
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                for (Prediction p : predictions) {
                    ObjectNode line = mapper.createObjectNode();
                    line.put("input", p.source());
                    ArrayNode ranked = line.putArray("top");
                    p.top().forEach(r -> ranked.addObject().put("class", r.label()).put("probability", r.probability()));
                    netloom.out.println(mapper.writeValueAsString(line));
                }
            } else {
                netloom.out.println("Predicting with " + predictor.description() + "; it reads "
                        + predictor.inputs().stream().map(PredictCommand::describe).collect(Collectors.joining(" and ")));
                for (Prediction p : predictions) {
                    netloom.out.println(p.source() + ": " + p.top().stream().map(r -> String.format(Locale.ROOT,
                            "%s %.1f%%", r.label(), r.probability() * 100)).collect(Collectors.joining(", ")));
                }
            }
            netloom.out.flush();
            return ExitCode.OK;
        } catch (IOException | BadInputException e) {
            netloom.err.println("netloom predict: " + e.getMessage());
            return ExitCode.INVALID;
        }
    }

    private static String describe(InputSlot slot) {
        return switch (slot.kind()) {
            case PICTURE -> "a picture (" + slot.name() + ")";
            case TEXT -> "a text (" + slot.name() + ")";
            case ROW -> "a table row (" + String.join(", ", slot.columns()) + ")";
        };
    }
}
