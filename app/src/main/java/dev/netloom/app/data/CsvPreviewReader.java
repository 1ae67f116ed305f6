package dev.netloom.app.data;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Previews a table in a CSV file with a header row: features are every column but the label,
 * which is the column named label, class, target or y, else the last one. A preview reader
 * only; the training engine's dataset readers will replace it.
 */
public final class CsvPreviewReader {

    private static final Set<String> LABEL_NAMES = Set.of("label", "class", "target", "y");

    private CsvPreviewReader() {
    }

    public static DatasetPreview preview(Path file, int samples) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreSurroundingSpaces(true).get().parse(reader)) {
            List<String> header = parser.getHeaderNames();
            if (header.size() < 2) {
                throw new IOException(file.getFileName() + " needs a header row with at least one feature and a label");
            }
            int labelColumn = header.size() - 1;
            for (int i = 0; i < header.size(); i++) {
                if (LABEL_NAMES.contains(header.get(i).toLowerCase(Locale.ROOT))) {
                    labelColumn = i;
                }
            }
            List<String> columns = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                if (i != labelColumn) {
                    columns.add(header.get(i));
                }
            }
            columns.add(header.get(labelColumn));
            Map<String, Integer> counts = new LinkedHashMap<>();
            List<DatasetPreview.Sample> shown = new ArrayList<>();
            int count = 0;
            for (CSVRecord r : parser) {
                if (r.size() != header.size()) {
                    throw new IOException(file.getFileName() + " line " + parser.getCurrentLineNumber() + " has "
                            + r.size() + " values; the header has " + header.size());
                }
                String label = r.get(labelColumn);
                counts.merge(label, 1, Integer::sum);
                if (shown.size() < samples) {
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < r.size(); i++) {
                        if (i != labelColumn) {
                            values.add(r.get(i));
                        }
                    }
                    shown.add(new DatasetPreview.Sample(label, 0, 0, new byte[0], values));
                }
                count++;
            }
            return new DatasetPreview(file.getFileName().toString(), "CSV", count, List.of(header.size() - 1), shown,
                    counts, columns);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IOException(file.getFileName() + " is not a readable CSV file: " + e.getMessage(), e);
        }
    }
}
