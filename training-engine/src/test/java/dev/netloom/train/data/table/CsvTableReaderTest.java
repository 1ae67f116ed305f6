package dev.netloom.train.data.table;

import dev.netloom.train.data.DataIssue;
import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvTableReaderTest {

    private static final DataRequest REQUEST = new DataRequest(0, 0, 0, 0, 0, 0, 3);

    @TempDir
    Path dir;

    /** 30 rows: length (a number), colour (a category), species (the label). */
    private Path flowers(String... extraLines) throws IOException {
        StringBuilder csv = new StringBuilder("length,colour,species\n");
        for (int i = 0; i < 30; i++) {
            String species = i % 2 == 0 ? "setosa" : "virginica";
            csv.append(1 + i % 7).append(i % 3 == 0 ? ".5" : "").append(',').append(i % 2 == 0 ? "white" : "blue")
                    .append(',').append(species).append('\n');
        }
        for (String line : extraLines) {
            csv.append(line).append('\n');
        }
        Path file = dir.resolve("flowers.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void numbersAreStandardisedWithTrainingStatisticsAndCategoriesOneHot() throws IOException {
        Dataset d = new CsvTableReader(flowers(), "species", List.of(), 0.2, 0.2).read(REQUEST);
        assertThat(d.classes()).containsExactly("setosa", "virginica");
        assertThat(d.train().fields().get(0).shape()).containsExactly(3);
        assertThat(d.train().size() + d.validation().size() + d.test().size()).isEqualTo(30);
        float[] v = d.train().fields().get(0).floats();
        double sum = 0;
        for (int i = 0; i < v.length; i += 3) {
            sum += v[i];
            // One-hot columns stay 0/1: colour "blue" or "white", exactly one of them.
            assertThat(v[i + 1] + v[i + 2]).isEqualTo(1f);
        }
        assertThat(sum / d.train().size()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-5));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> columns = (List<Map<String, Object>>) ((Map<String, Object>) d.preprocessing()
                .get("features")).get("columns");
        assertThat(columns).extracting(c -> c.get("type")).containsExactly("number", "category");
        assertThat(columns.get(1).get("categories")).isEqualTo(List.of("blue", "white"));
        assertThat(d.report().skippedCount()).isZero();
    }

    @Test
    void raggedRowsEmptyCellsNonNumbersAndUnknownLabelsAreSkippedByRow() throws IOException {
        Path file = flowers("4,white", "4,white,setosa,extra", ",blue,setosa", "4,blue,", "4,blue,rose", "four,blue,setosa");
        Dataset d = new CsvTableReader(file, "species", List.of("setosa", "virginica"), 0.0, 0.0).read(REQUEST);
        assertThat(d.train().size()).isEqualTo(30);
        assertThat(d.report().issues()).extracting(DataIssue::toString).containsExactlyInAnyOrder(
                file + ":32: ragged row, 2 columns, expected 3",
                file + ":33: ragged row, 4 columns, expected 3",
                file + ":35: empty label in column \"species\"",
                file + ":36: unknown label \"rose\"",
                file + ":34: empty cell in column \"length\"",
                file + ":37: \"four\" in column \"length\" is not a number");
        assertThat(d.report().summary()).startsWith("read 30 examples, skipped 6 (first: ");
    }

    @Test
    void anUnseenCategoryOutsideTrainingIsReportedAndNeverLeaksIntoTheEncoding() throws IOException {
        Path file = flowers("3,purple,setosa");
        int reported = 0;
        int learned = 0;
        for (long seed = 1; seed <= 30; seed++) {
            Dataset d = new CsvTableReader(file, "species", List.of(), 0.3, 0.3)
                    .read(new DataRequest(0, 0, 0, 0, 0, 0, seed));
            boolean unknown = d.report().issues().stream().anyMatch(i -> i.reason().equals(
                    "unknown category \"purple\" in column \"colour\" (not in the training split)"));
            int width = d.train().fields().get(0).shape()[0];
            if (unknown) {
                reported++;
                assertThat(width).isEqualTo(3);
            } else {
                learned++;
                assertThat(width).isEqualTo(4);
            }
        }
        assertThat(reported).isPositive();
        assertThat(learned).isPositive();
    }

    @Test
    void aMissingLabelColumnOrAnEmptyFileIsOneLineNamingTheFile() throws IOException {
        Path file = flowers();
        assertThatThrownBy(() -> new CsvTableReader(file, "kind", List.of(), 0.1, 0.1).read(REQUEST))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ": no column \"kind\" (columns: length, colour, species)");
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> new CsvTableReader(empty, "species", List.of(), 0.1, 0.1).read(REQUEST))
                .isInstanceOf(IOException.class).hasMessageStartingWith(empty + ": ");
        Path headerOnly = dir.resolve("header.csv");
        Files.writeString(headerOnly, "a,species\n");
        assertThatThrownBy(() -> new CsvTableReader(headerOnly, "species", List.of(), 0.1, 0.1).read(REQUEST))
                .hasMessage(headerOnly + ": no readable row");
        Path duplicate = dir.resolve("duplicate.csv");
        Files.writeString(duplicate, "a,a,species\n1,2,x\n");
        assertThatThrownBy(() -> new CsvTableReader(duplicate, "species", List.of(), 0.1, 0.1).read(REQUEST))
                .hasMessageStartingWith(duplicate + ": bad header row");
    }

    @Test
    void aBrokenQuoteKeepsTheRowsBeforeIt() throws IOException {
        Path file = flowers("\"4,blue,setosa");
        Dataset d = new CsvTableReader(file, "species", List.of(), 0.0, 0.0).read(REQUEST);
        assertThat(d.train().size()).isEqualTo(30);
        assertThat(d.report().skippedCount()).isEqualTo(1);
        assertThat(d.report().issues().get(0).toString()).contains("cannot read the file from here on");
    }
}
