package dev.netloom.train.data.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.train.data.DataIssue;
import dev.netloom.train.data.DataReport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of a CSV file with a header, or of a JSONL file (one JSON object per line). Rows
 * that cannot be read (ragged, not an object, undecodable) are skipped and reported with their
 * line; a file with no header or no readable row throws, naming the file.
 *
 * @param file the file, as given
 * @param columns the CSV header, or every key seen in a JSONL file in order of appearance
 * @param rows the readable rows
 */
public record Rows(String file, List<String> columns, List<Row> rows) {

    public Rows {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** JSONL for {@code .jsonl} and {@code .ndjson} files, CSV otherwise. */
    public static Rows read(Path path, DataReport report) throws IOException {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".ndjson") ? jsonl(path, report) : csv(path, report);
    }

    /** Throws, naming the file and the columns it has, unless every one of {@code required} is a column. */
    public void require(String... required) throws IOException {
        for (String column : required) {
            if (!columns.contains(column)) {
                throw new IOException(file + ": no column \"" + column + "\" (columns: " + String.join(", ", columns) + ")");
            }
        }
    }

    /** Reads a CSV file whose first row names the columns. */
    public static Rows csv(Path path, DataReport report) throws IOException {
        String file = path.toString();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
                .setAllowMissingColumnNames(false).get();
        List<Row> rows = new ArrayList<>();
        List<String> header;
        try (Reader in = strictUtf8(path); CSVParser parser = header(in, format, file)) {
            header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new IOException(file + ": empty file, expected a header row naming the columns");
            }
            Iterator<CSVRecord> records = parser.iterator();
            long line = 1;
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    // commons-csv cannot resynchronise after a broken quote: keep what came before.
                    report.skipped(new DataIssue(file, line + 1, "cannot read the file from here on: "
                            + CsvWords.plain(e.getMessage())));
                    break;
                }
                line = record.getRecordNumber() + 1;
                if (record.size() != header.size()) {
                    report.skipped(new DataIssue(file, line, "ragged row, " + record.size() + " columns, expected "
                            + header.size()));
                    continue;
                }
                Map<String, String> cells = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    cells.put(header.get(i), record.get(i));
                }
                rows.add(new Row(line, cells));
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": bad header row: " + CsvWords.plain(e.getMessage()));
        } catch (UncheckedIOException e) {
            throw new IOException(file + ": " + CsvWords.plain(e.getCause().getMessage()));
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text");
        }
        if (rows.isEmpty()) {
            throw new IOException(file + ": no readable row" + firstProblem(report));
        }
        return new Rows(file, header, rows);
    }

    /** Parses the header row; a damaged one (a stray quote, bad bytes) is one line naming the file. */
    private static CSVParser header(Reader in, CSVFormat format, String file) throws IOException {
        try {
            return CSVParser.parse(in, format);
        } catch (CharacterCodingException e) {
            throw e;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new IOException(file + ": bad header row: " + CsvWords.plain(e.getMessage()));
        }
    }

    /** Reads a JSONL file: one JSON object per line; blank lines are ignored. */
    public static Rows jsonl(Path path, DataReport report) throws IOException {
        String file = path.toString();
        ObjectMapper json = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        try (BufferedReader in = strictUtf8(path)) {
            long line = 0;
            while (true) {
                String text;
                try {
                    text = in.readLine();
                } catch (CharacterCodingException e) {
                    report.skipped(new DataIssue(file, line + 1, "not UTF-8 text from here on"));
                    break;
                }
                if (text == null) {
                    break;
                }
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(text);
                } catch (JsonProcessingException e) {
                    report.skipped(new DataIssue(file, line, "not JSON: " + dev.netloom.graph.files.ParserWords.plain(e.getOriginalMessage())));
                    continue;
                }
                if (node == null || !node.isObject()) {
                    report.skipped(new DataIssue(file, line, "not a JSON object"));
                    continue;
                }
                Map<String, String> cells = new LinkedHashMap<>();
                boolean ok = true;
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isContainerNode()) {
                        report.skipped(new DataIssue(file, line, "\"" + e.getKey() + "\" must be text or a number"));
                        ok = false;
                        break;
                    }
                    cells.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText().trim());
                }
                if (ok) {
                    columns.addAll(cells.keySet());
                    rows.add(new Row(line, cells));
                }
            }
        }
        if (rows.isEmpty()) {
            throw new IOException(file + ": no readable row" + firstProblem(report));
        }
        return new Rows(file, new ArrayList<>(columns), rows);
    }

    /** Malformed bytes are an error, not silently replaced characters; a byte-order mark is dropped. */
    private static BufferedReader strictUtf8(Path path) throws IOException {
        return dev.netloom.train.data.DataFiles.text(path);
    }

    private static String firstProblem(DataReport report) {
        return report.issues().isEmpty() ? "" : " (first problem: " + report.issues().get(0) + ")";
    }

    static String oneLine(String message) {
        return message == null ? "unknown error" : message.replaceAll("\\s+", " ").trim();
    }
}
