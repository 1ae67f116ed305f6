package dev.netloom.app.fuzz;

import dev.netloom.app.StudioServices;
import dev.netloom.app.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our words only: over the hostile-input corpus (damaged project files, dataset files and
 * manifests), no input crashes and no message a user sees names a library's class or option.
 * {@code -Dnetloom.fuzz.count=N} damages each base file N times (default 25).
 */
class OurWordsTest {

    @TempDir
    Path dir;

    @Test
    void noMessageOverTheCorpusNamesALibraryAndNothingCrashes() throws Exception {
        int count = Integer.getInteger("netloom.fuzz.count", 25);
        FuzzCorpus.Findings f = new FuzzCorpus(dir, StudioServices.standard(TestHome.PATH)).run(count);
        List<String> leaks = new ArrayList<>();
        FuzzCorpus.each(f, leaks::add);
        assertThat(f.crashes()).as("crashes").isEmpty();
        assertThat(leaks).as("messages naming a library, of " + f.messages().size()).isEmpty();
        assertThat(f.inputs()).isGreaterThanOrEqualTo(12 * count);
        assertThat(f.messages()).hasSizeGreaterThan(f.inputs() / 2);
    }

    @Test
    void theForbiddenWordsAreFound() {
        assertThat(LibraryWords.find("line 1, column 2: Non-standard token 'NaN': enable `JsonReadFeature"
                + ".ALLOW_NON_NUMERIC_NUMBERS` to allow")).isPresent();
        assertThat(LibraryWords.find("bad header row: use CSVFormat.Builder.setDuplicateHeaderMode()")).isPresent();
        assertThat(LibraryWords.find("cannot read: java.io.IOException: broken")).isPresent();
        assertThat(LibraryWords.find("data.csv:3: \"x\" in column \"length\" is not a number")).isEmpty();
        assertThat(LibraryWords.find("unknown layer type \"Conv\"; see `netloom layers` for the list")).isEmpty();
    }
}
