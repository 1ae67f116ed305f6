package dev.netloom.app.predict;

import dev.netloom.train.data.DataReport;
import dev.netloom.train.data.table.Row;
import dev.netloom.train.data.table.Rows;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns what a person types ({@code netloom predict MODEL INPUT...}) into queries for the model's
 * inputs. One picture input: each INPUT is a PNG or JPEG file, or a folder of them. One text
 * input: each INPUT is the text, or a {@code .txt} file holding it. One table input: a CSV file
 * with a header (one query per row; other columns, such as the label, are ignored), or one row
 * typed inline, by name ({@code "length=5.1,colour=red"}) or in the model's column order
 * ({@code "5.1,red"}). Several inputs (a picture and a question): a manifest, CSV or JSONL with a
 * column per input, picture paths relative to it. Anything wrong is one line naming the INPUT.
 */
public final class Queries {

    private Queries() {
    }

    /** The queries for {@code args}, in order. */
    public static List<Query> parse(List<InputSlot> slots, List<String> args) {
        List<Query> out = new ArrayList<>();
        for (String arg : args) {
            if (slots.size() == 1) {
                InputSlot slot = slots.get(0);
                switch (slot.kind()) {
                    case PICTURE -> pictures(arg).forEach(p -> out.add(new Query(p.toString(), Map.of(slot.name(), p))));
                    case TEXT -> out.add(new Query(arg, Map.of(slot.name(), text(arg))));
                    case ROW -> out.addAll(rows(slot, arg));
                }
            } else {
                out.addAll(manifest(slots, arg));
            }
        }
        return out;
    }

    /** One row typed inline ({@code a=1,b=x} or {@code 1,x}) as a query for a table input. */
    public static Query row(InputSlot slot, String typed) {
        String text = typed.strip();
        if (text.isEmpty()) {
            throw new BadInputException("the row is empty; type " + String.join(",", slot.columns()));
        }
        List<String> cells;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.DEFAULT.builder().setTrim(true).get())) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new BadInputException(typed + ": one row expected, got " + records.size());
            }
            cells = records.get(0).toList();
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new BadInputException(typed + ": not a row of comma-separated values");
        }
        Map<String, String> values = new LinkedHashMap<>();
        boolean named = cells.stream().allMatch(c -> c.contains("="));
        if (named) {
            for (String cell : cells) {
                String name = cell.substring(0, cell.indexOf('=')).strip();
                if (!slot.columns().contains(name)) {
                    throw new BadInputException(typed + ": no column \"" + name + "\" (the model's columns: "
                            + String.join(", ", slot.columns()) + ")");
                }
                values.put(name, cell.substring(cell.indexOf('=') + 1).strip());
            }
        } else {
            if (cells.size() != slot.columns().size()) {
                throw new BadInputException(typed + ": " + cells.size() + " value" + (cells.size() == 1 ? "" : "s")
                        + ", the model reads " + slot.columns().size() + " columns (" + String.join(", ", slot.columns())
                        + ")");
            }
            for (int i = 0; i < cells.size(); i++) {
                values.put(slot.columns().get(i), cells.get(i));
            }
        }
        return new Query(typed, Map.of(slot.name(), values));
    }

    private static List<Path> pictures(String arg) {
        Path path = Path.of(arg);
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                List<Path> pictures = files.filter(Files::isRegularFile).filter(p -> {
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return !n.startsWith(".") && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
                }).sorted().toList();
                if (pictures.isEmpty()) {
                    throw new BadInputException(arg + ": no PNG or JPEG picture in this folder");
                }
                return pictures;
            } catch (IOException e) {
                throw new BadInputException(arg + ": cannot list the folder");
            }
        }
        if (!Files.isRegularFile(path)) {
            throw new BadInputException(arg + ": no such picture file");
        }
        return List.of(path);
    }

    private static String text(String arg) {
        if (arg.toLowerCase(Locale.ROOT).endsWith(".txt")) {
            Path file = Path.of(arg);
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(arg + ": no such file");
            }
            try {
                return Files.readString(file).strip();
            } catch (IOException e) {
                throw new BadInputException(arg + ": cannot be read as UTF-8 text");
            }
        }
        return arg;
    }

    private static List<Query> rows(InputSlot slot, String arg) {
        Path file = Path.of(arg);
        if (!Files.isRegularFile(file)) {
            if (arg.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                throw new BadInputException(arg + ": no such file");
            }
            return List.of(row(slot, arg));
        }
        Rows rows = read(file);
        for (String column : slot.columns()) {
            if (!rows.columns().contains(column)) {
                throw new BadInputException(arg + ": no column \"" + column + "\" (columns: "
                        + String.join(", ", rows.columns()) + ")");
            }
        }
        List<Query> out = new ArrayList<>();
        for (Row r : rows.rows()) {
            out.add(new Query(arg + ":" + r.number(), Map.of(slot.name(), r.cells())));
        }
        return out;
    }

    private static List<Query> manifest(List<InputSlot> slots, String arg) {
        Path file = Path.of(arg);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(arg + ": no such manifest; a model with " + slots.size()
                    + " inputs reads a CSV or JSONL file with the columns " + names(slots));
        }
        Rows rows = read(file);
        for (InputSlot slot : slots) {
            if (!rows.columns().contains(slot.column()) && slot.kind() != InputSlot.Kind.ROW) {
                throw new BadInputException(arg + ": no column \"" + slot.column() + "\" (columns: "
                        + String.join(", ", rows.columns()) + "; the model reads " + names(slots) + ")");
            }
        }
        Path base = file.toAbsolutePath().getParent();
        List<Query> out = new ArrayList<>();
        for (Row r : rows.rows()) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (InputSlot slot : slots) {
                values.put(slot.name(), switch (slot.kind()) {
                    case PICTURE -> {
                        Path picture = base.resolve(r.cell(slot.column()));
                        if (!Files.isRegularFile(picture)) {
                            throw new BadInputException(arg + ":" + r.number() + ": no such picture "
                                    + r.cell(slot.column()));
                        }
                        yield picture;
                    }
                    case TEXT -> r.cell(slot.column());
                    case ROW -> r.cells();
                });
            }
            out.add(new Query(arg + ":" + r.number(), values));
        }
        return out;
    }

    private static Rows read(Path file) {
        DataReport report = new DataReport();
        try {
            Rows rows = Rows.read(file, report);
            if (!report.issues().isEmpty()) {
                throw new BadInputException(report.issues().get(0).toString());
            }
            return rows;
        } catch (IOException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private static String names(List<InputSlot> slots) {
        return String.join(", ", slots.stream().map(s -> s.column() + " (" + s.kind().name().toLowerCase(Locale.ROOT)
                + ")").toList());
    }
}
