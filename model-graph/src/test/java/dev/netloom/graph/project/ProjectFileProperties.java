package dev.netloom.graph.project;

import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the project file: whatever valid project is written reads back equal, and
 * whatever damage is done to a real file, reading it either succeeds or fails with a
 * {@link ProjectFormatException}, quickly, and what it reads can be analysed and saved again.
 */
class ProjectFileProperties {

    private static final long MAX_PARSE_NANOS = 2_000_000_000L;

    private final LayerCatalog catalog = LayerCatalog.standard();
    private final ProjectFile files = new ProjectFile(catalog);
    private final GraphAnalyzer analyzer = new GraphAnalyzer(catalog);

    // ---------------------------------------------------------------- valid projects

    @Property(tries = 300)
    void aValidProjectReadsBackEqual(@ForAll("projects") Project project) throws ProjectFormatException {
        String json = files.toJson(project);

        Project again = files.parse(json, "random.netloom");

        assertThat(again).isEqualTo(project);
        assertThat(files.toJson(again)).isEqualTo(json);
    }

    @Property(tries = 200)
    void anyGraphAFileCanHoldCanBeAnalysed(@ForAll("projects") Project project) {
        // Random layers with parameters anywhere in their ranges, joined regardless of kinds: the
        // analyser reports problems but never throws.
        analyzer.analyze(project.graph());
    }

    @Provide
    Arbitrary<Project> projects() {
        return ValidProjects.projects();
    }

    // ---------------------------------------------------------------- damaged files

    @Property(tries = 400)
    void aDamagedFileIsReadOrRefusedButNeverCrashesTheReader(@ForAll("originals") String original,
                                                             @ForAll("damage") List<Mutation> damage) throws Exception {
        // Damage that is always refused at the first byte would test little: some files must still read.
        Statistics.coverage(c -> c.check("read").percentage(p -> p >= 5));
        String text = original;
        for (Mutation m : damage) {
            text = m.apply(text);
        }

        Project project;
        long start = System.nanoTime();
        try {
            project = files.parse(text, "damaged.netloom");
        } catch (ProjectFormatException e) {
            // Refused: the only acceptable failure, in one line.
            ProjectFileTest.assertOneLine(e.getMessage());
            assertThat(e.getMessage()).startsWith("damaged.netloom: ");
            Statistics.collect("refused");
            return;
        } finally {
            assertThat(System.nanoTime() - start).as("parse time in ns").isLessThan(MAX_PARSE_NANOS);
        }

        // Read: what loaded can be analysed without an exception, and saved and read back unchanged.
        analyzer.analyze(project.graph());
        assertThat(files.parse(files.toJson(project), "again.netloom")).isEqualTo(project);
        Statistics.collect("read");
    }

    /** The shipped templates, and each with sections added, so damage also lands in data, training and the unknown. */
    @Provide
    Arbitrary<String> originals() {
        List<String> texts = new ArrayList<>();
        for (String name : TemplateTexts.NAMES) {
            String text = TemplateTexts.text(name);
            texts.add(text);
            texts.add(text.replaceFirst("\n  \"graph\": \\{", """

                      "data": {"source": "folder", "split": [0.8, 0.1, 0.1], "classes": {"cat": 0, "dog": 1}},
                      "training": {"epochs": 12, "lr": 0.001, "schedule": [{"warmup": 3}, {"decay": 0.5}], "seed": null},
                      "fromTheFuture": {"x": [1, 2.5, -3, "s", true, {"deep": [[[]]]}]},
                      "graph": {"""));
        }
        return Arbitraries.of(texts);
    }

    @Provide
    Arbitrary<List<Mutation>> damage() {
        return Arbitraries.oneOf(
                        spans().map(t -> (Mutation) new DeleteSpan(t.get1(), t.get2())),
                        spans().map(t -> (Mutation) new DuplicateSpan(t.get1(), t.get2())),
                        Combinators.combine(places(), characters()).as(ReplaceChar::new),
                        Combinators.combine(places(), punctuation()).as(Insert::new),
                        Combinators.combine(Arbitraries.integers().between(0, 2_000), oddNumbers()).as(SwapNumber::new),
                        places().map(Truncate::new))
                .list().ofMinSize(1).ofMaxSize(4);
    }

    private static Arbitrary<Double> places() {
        return Arbitraries.doubles().between(0, 1).ofScale(5);
    }

    private static Arbitrary<Tuple.Tuple2<Double, Integer>> spans() {
        return Combinators.combine(places(), Arbitraries.integers().between(1, 400)).as(Tuple::of);
    }

    private static Arbitrary<Character> characters() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of('{', '}', '[', ']', ',', ':', '"', '\\', '-', '.', 'e', '0', '9', ' ',
                        '\n', '\u0000', '\u2028', '\uFEFF', '\uD800')),
                Tuple.of(1, Arbitraries.chars()));
    }

    private static Arbitrary<String> punctuation() {
        return Arbitraries.of("{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "-", ".", "e", "{}", "[]",
                "\"\"", "\"x\": 1,", "\"id\": \"n1\",", "\"type\": \"Dense\",", "\"params\": {},", "\\u0000",
                "\\ud800", "[".repeat(100), "{\"a\":".repeat(70));
    }

    private static Arbitrary<String> oddNumbers() {
        return Arbitraries.of("1e400", "-1e400", "1e-400", "99999999999999999999", "-99999999999999999999",
                "2147483648", "-2147483649", "9223372036854775808", "-1", "0", "-0", "-0.0", "0.5", "1.0",
                "1e308", "4.9e-324", "1E9", "-1000000001", "9".repeat(64), "9".repeat(65), "NaN", "Infinity", "01");
    }

    // ---------------------------------------------------------------- mutations

    /** One kind of damage to a file's text; positions are fractions of the text's length. */
    sealed interface Mutation {

        String apply(String text);

        static int at(String text, double fraction) {
            return (int) Math.min(text.length(), Math.round(fraction * text.length()));
        }
    }

    record DeleteSpan(double from, int length) implements Mutation {
        @Override
        public String apply(String text) {
            int start = Mutation.at(text, from);
            return text.substring(0, start) + text.substring(Math.min(text.length(), start + length));
        }
    }

    record DuplicateSpan(double from, int length) implements Mutation {
        @Override
        public String apply(String text) {
            int start = Mutation.at(text, from);
            int end = Math.min(text.length(), start + length);
            return text.substring(0, end) + text.substring(start, end) + text.substring(end);
        }
    }

    record ReplaceChar(double where, char replacement) implements Mutation {
        @Override
        public String apply(String text) {
            int i = Math.min(Mutation.at(text, where), text.length() - 1);
            return i < 0 ? text : text.substring(0, i) + replacement + text.substring(i + 1);
        }
    }

    record Insert(double where, String piece) implements Mutation {
        @Override
        public String apply(String text) {
            int i = Mutation.at(text, where);
            return text.substring(0, i) + piece + text.substring(i);
        }
    }

    /** Replaces the n-th number in the text (counting round) by a huge, tiny, negative or malformed one. */
    record SwapNumber(int index, String replacement) implements Mutation {

        private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

        @Override
        public String apply(String text) {
            List<int[]> spans = new ArrayList<>();
            Matcher m = NUMBER.matcher(text);
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
            }
            if (spans.isEmpty()) {
                return text;
            }
            int[] span = spans.get(index % spans.size());
            return text.substring(0, span[0]) + replacement + text.substring(span[1]);
        }
    }

    record Truncate(double where) implements Mutation {
        @Override
        public String apply(String text) {
            return text.substring(0, Mutation.at(text, where));
        }
    }
}
