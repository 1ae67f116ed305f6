package dev.netloom.train.data.table;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CSV parser's complaints (commons-csv) in our words: it names its own classes
 * ({@code org.apache.commons.csv.CSVException}) and builder options
 * ({@code CSVFormat.Builder.setDuplicateHeaderMode()}), which mean nothing to someone with a
 * spreadsheet.
 */
final class CsvWords {

    private static final Pattern BETWEEN = Pattern.compile(
            "Invalid char(?:acter)? between encapsulated token and delimiter(?: at line: (\\d+), position: (\\d+))?");
    private static final Pattern UNCLOSED = Pattern.compile("\\((?:startline|line) (\\d+)\\) EOF reached before "
            + "encapsulated token finished");
    private static final Pattern DUPLICATE = Pattern.compile("The header contains a duplicate name: \"([^\"]*)\".*");
    private static final Pattern MISSING = Pattern.compile("A header name is missing in .*");
    private static final Pattern CLASS_PREFIX = Pattern.compile("\\b(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error):? ?");

    private CsvWords() {
    }

    static String plain(String message) {
        if (message == null || message.isBlank()) {
            return "the file cannot be read as CSV";
        }
        String m = CLASS_PREFIX.matcher(message.replaceAll("\\s+", " ").trim()).replaceAll("");
        m = m.replaceFirst("^IOException reading next record: ", "");
        Matcher between = BETWEEN.matcher(m);
        if (between.find()) {
            return "a quoted cell has more text after its closing quote" + (between.group(1) == null ? ""
                    : " (line " + between.group(1) + ", character " + between.group(2) + ")");
        }
        Matcher unclosed = UNCLOSED.matcher(m);
        if (unclosed.find()) {
            return "a quote opened on line " + unclosed.group(1) + " is never closed";
        }
        Matcher duplicate = DUPLICATE.matcher(m);
        if (duplicate.matches()) {
            return "two columns are named \"" + duplicate.group(1) + "\"; every column needs its own name";
        }
        if (MISSING.matcher(m).matches()) {
            return "a column has no name; every column needs one in the header row";
        }
        return m.replaceAll("\\s*\\(?`[^`]*`\\)?", "").replaceAll("\\bCSV\\w*(\\.\\w+)*(\\(\\))?", "the CSV format").strip();
    }
}
