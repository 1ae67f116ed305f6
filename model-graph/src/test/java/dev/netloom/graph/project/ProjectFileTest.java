package dev.netloom.graph.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.graph.GraphBuilder;
import dev.netloom.graph.Node;
import dev.netloom.graph.Position;
import dev.netloom.graph.catalog.LayerCatalog;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Reading and writing {@code .netloom} files: round trips, every kind of broken file, migrations, atomic saves. */
class ProjectFileTest {

    private static final LayerCatalog CATALOG = LayerCatalog.standard();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A small valid project; the malformed cases below each change one thing in it. Line numbers matter. */
    private static final String TINY = """
            {
              "schemaVersion": 1,
              "name": "Tiny",
              "graph": {
                "nodes": [
                  { "id": "in", "type": "Tabular", "params": { "features": 8 } },
                  { "id": "fc", "type": "Dense", "params": { "units": 4 } },
                  { "id": "head", "type": "Classification", "params": { "classes": 3 } }
                ],
                "edges": [
                  { "from": "in.out", "to": "fc.in" },
                  { "from": "fc.out", "to": "head.in" }
                ]
              }
            }
            """;

    private final ProjectFile files = new ProjectFile(CATALOG);

    // ---------------------------------------------------------------- helpers

    /** TINY with one exact piece of text replaced; fails loudly if the piece is not there exactly once. */
    private static String tinyWith(String piece, String replacement) {
        int at = TINY.indexOf(piece);
        if (at < 0 || TINY.indexOf(piece, at + 1) >= 0) {
            throw new IllegalArgumentException("TINY must contain exactly one " + piece);
        }
        return TINY.substring(0, at) + replacement + TINY.substring(at + piece.length());
    }

    /** TINY with an extra top-level member on line 4, right before "graph". */
    private static String tinyWithMember(String member) {
        return tinyWith("  \"graph\": {", "  " + member + ", \"graph\": {");
    }

    private Project parse(String json) throws ProjectFormatException {
        return files.parse(json, "tiny.netloom");
    }

    private ProjectFormatException parseFailure(String json) {
        ProjectFormatException e = catchThrowableOfType(ProjectFormatException.class, () -> parse(json));
        assertThat(e).as("parsing should fail").isNotNull();
        assertOneLine(e.getMessage());
        return e;
    }

    private ProjectFormatException readFailure(Path file) {
        ProjectFormatException e = catchThrowableOfType(ProjectFormatException.class, () -> files.read(file));
        assertThat(e).as("reading should fail").isNotNull();
        assertOneLine(e.getMessage());
        assertThat(e.getMessage()).startsWith(file + ": ");
        return e;
    }

    /** One line fit for a terminal: no line breaks, no other control characters. */
    static void assertOneLine(String message) {
        assertThat(message).isNotBlank();
        assertThat(message.codePoints().filter(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029))
                .as("control characters or line breaks in: %s", message)
                .isEmpty();
    }

    private static Project template(String name) throws ProjectFormatException {
        return new ProjectFile(CATALOG).parse(TemplateTexts.text(name), name + ProjectFile.EXTENSION);
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> topLevelKeys(String json) {
        List<String> keys = new ArrayList<>();
        tree(json).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    // ---------------------------------------------------------------- round trips

    @Nested
    class RoundTrip {

        static Stream<String> templates() {
            return TemplateTexts.NAMES.stream();
        }

        @ParameterizedTest
        @MethodSource("templates")
        void everyTemplateParsesBackToAnEqualProject(String name) throws Exception {
            Project original = template(name);

            Project again = parse(files.toJson(original));

            assertThat(again).isEqualTo(original);
        }

        @ParameterizedTest
        @MethodSource("templates")
        void savedTextIsStable(String name) throws Exception {
            String once = files.toJson(template(name));

            String twice = files.toJson(parse(once));

            assertThat(twice).isEqualTo(once);
        }

        @Test
        void theTemplatesTheIndexListsAreTheOnesTested() {
            assertThat(new Templates(files).names()).containsExactlyElementsOf(TemplateTexts.NAMES);
        }

        @Test
        void schemaVersionIsTheFirstKey() throws Exception {
            String json = files.toJson(template("small-cnn"));

            assertThat(json).startsWith("{\n  \"schemaVersion\": 1,\n");
            assertThat(topLevelKeys(json)).first().isEqualTo("schemaVersion");
        }

        @Test
        void topLevelKeysHaveAStableOrderKnownSectionsFirstThenUnknownSortedByName() throws Exception {
            Project p = parse(tinyWithMember(
                    "\"zeta\": 1, \"export\": {}, \"alpha\": 2, \"data\": {}, \"search\": {}, \"training\": {}"));

            assertThat(topLevelKeys(files.toJson(p))).containsExactly("schemaVersion", "name", "description",
                    "graph", "data", "training", "search", "export", "alpha", "zeta");
        }

        @Test
        void knownAndUnknownSectionsSurviveARoundTripUnchanged() throws Exception {
            String data = "{\"source\": \"fashion-mnist\", \"split\": {\"train\": 0.8, \"test\": 0.2}}";
            String training = "{\"epochs\": 12, \"optimizer\": {\"name\": \"adam\", \"lr\": 1.0E-3}, \"seed\": null}";
            String search = "{\"trials\": 20, \"space\": [{\"param\": \"fc.units\", \"values\": [32, 64, 128]}]}";
            String export = "{\"onnx\": {\"opset\": 17}, \"quantize\": false}";
            String future = "{\"plugin\": \"netloom-next\", \"big\": 12345678901234567890, \"list\": [1, \"two\", 3.5, []]}";
            Project p = parse(tinyWithMember("\"data\": " + data + ", \"training\": " + training + ", \"search\": "
                    + search + ", \"export\": " + export + ", \"fromTheFuture\": " + future + ", \"flag\": true"));

            Project again = parse(files.toJson(p));

            assertThat(again.sections()).isEqualTo(p.sections());
            assertThat(again.sections()).containsOnlyKeys("data", "training", "search", "export", "fromTheFuture", "flag");
            assertThat(again.section("data")).contains(tree(data));
            assertThat(again.section("training")).contains(tree(training));
            assertThat(again.section("search")).contains(tree(search));
            assertThat(again.section("export")).contains(tree(export));
            assertThat(again.section("fromTheFuture")).contains(tree(future));
            assertThat(again.section("flag")).contains(tree("true"));
        }

        @Test
        void paramsAbsentFromTheFileGetTheCatalogDefaults() throws Exception {
            Project p = parse(tinyWith("\"params\": { \"units\": 4 }", "\"params\": {}"));

            assertThat(p.graph().requireNode("fc").params()).isEqualTo(Map.of("units", 128, "bias", true));
        }

        @Test
        void paramsGivenInTheFileOverrideOnlyThemselves() throws Exception {
            Project p = parse(tinyWith("{ \"id\": \"fc\", \"type\": \"Dense\", \"params\": { \"units\": 4 } }",
                    "{ \"id\": \"fc\", \"type\": \"Dense\", \"params\": { \"bias\": false } }"));

            assertThat(p.graph().requireNode("fc").params()).isEqualTo(Map.of("units", 128, "bias", false));
        }

        @Test
        void aNodeWithoutParamsPositionOrLabelGetsDefaultsTheOriginAndNoLabel() throws Exception {
            Project p = parse(tinyWith("{ \"id\": \"fc\", \"type\": \"Dense\", \"params\": { \"units\": 4 } }",
                    "{ \"id\": \"fc\", \"type\": \"Dense\" }"));

            Node fc = p.graph().requireNode("fc");
            assertThat(fc.params()).isEqualTo(CATALOG.require("Dense").defaults());
            assertThat(fc.position()).isEqualTo(Position.ORIGIN);
            assertThat(fc.label()).isEmpty();
        }

        @Test
        void aProjectBuiltInCodeRoundTrips() throws Exception {
            Project p = new Project("Built", "made in a test", GraphBuilder.graph()
                    .node("in", "Image", "channels", 3)
                    .node("conv", "Conv2d", "filters", 8)
                    .node("pool", "GlobalAvgPool")
                    .node("head", "Regression", "outputs", 2)
                    .chain("in", "conv", "pool", "head")
                    .build(), Map.of("training", tree("{\"epochs\": 3}")));

            assertThat(parse(files.toJson(p))).isEqualTo(p);
        }

        @Test
        void writeThenReadGivesTheSameProject(@TempDir Path dir) throws Exception {
            Project p = template("text-classifier");
            Path file = dir.resolve("text.netloom");

            files.write(p, file);

            assertThat(files.read(file)).isEqualTo(p);
            assertThat(Files.readString(file)).isEqualTo(files.toJson(p));
        }

        @Test
        void aSectionCannotTakeTheNameOfATopLevelField() {
            Project p = Project.of("Tiny", GraphBuilder.graph().node("in", "Tabular").build());

            for (String reserved : List.of("schemaVersion", "name", "description", "graph")) {
                assertThatThrownBy(() -> p.withSection(reserved, tree("{}")))
                        .as(reserved)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(reserved);
            }
        }
    }

    // ---------------------------------------------------------------- broken files

    @Nested
    class MalformedInput {

        static Stream<Arguments> malformed() {
            return Stream.of(
                    // what, text, exact location, a piece of the reason
                    Arguments.of("not JSON", "this is not JSON", "line 1, column 1", "Unrecognized token 'this'"),
                    Arguments.of("top level is a list", "[1, 2]", "", "must be a JSON object, got a list"),
                    Arguments.of("top level is a number", "42", "", "must be a JSON object, got the number 42"),
                    Arguments.of("empty text", "", "", "is empty"),
                    Arguments.of("only white space", " \n\t ", "", "is empty"),
                    Arguments.of("missing schemaVersion", tinyWith("\"schemaVersion\": 1,", ""),
                            "schemaVersion", "is missing; is this a Netloom project file?"),
                    Arguments.of("schemaVersion newer than supported", tinyWith("\"schemaVersion\": 1", "\"schemaVersion\": 7"),
                            "schemaVersion", "is 7: the file was written by a newer Netloom"),
                    Arguments.of("schemaVersion 0", tinyWith("\"schemaVersion\": 1", "\"schemaVersion\": 0"),
                            "schemaVersion", "must be at least 1, got 0"),
                    Arguments.of("schemaVersion negative", tinyWith("\"schemaVersion\": 1", "\"schemaVersion\": -3"),
                            "schemaVersion", "must be at least 1, got -3"),
                    Arguments.of("schemaVersion as text", tinyWith("\"schemaVersion\": 1", "\"schemaVersion\": \"1\""),
                            "schemaVersion", "must be a whole number, got \"1\""),
                    Arguments.of("schemaVersion a fraction", tinyWith("\"schemaVersion\": 1", "\"schemaVersion\": 1.5"),
                            "schemaVersion", "must be a whole number, got 1.5"),
                    Arguments.of("schemaVersion huge", tinyWith("\"schemaVersion\": 1", "\"schemaVersion\": 99999999999999999999"),
                            "schemaVersion", "must be a whole number, got 99999999999999999999"),
                    Arguments.of("name not text", tinyWith("\"name\": \"Tiny\"", "\"name\": [\"Tiny\"]"),
                            "name", "must be text, got a list"),
                    Arguments.of("missing graph", "{\"schemaVersion\": 1, \"name\": \"x\"}", "graph", "is missing"),
                    Arguments.of("graph not an object", "{\"schemaVersion\": 1, \"graph\": []}", "graph",
                            "must be an object, got a list"),
                    // The original list stays in the text under a key the reader ignores.
                    Arguments.of("nodes not a list", tinyWith("\"nodes\": [", "\"nodes\": {}, \"unused\": ["),
                            "graph.nodes", "must be a list, got an object"),
                    Arguments.of("edges not a list", tinyWith("\"edges\": [", "\"edges\": \"none\", \"unused\": ["),
                            "graph.edges", "must be a list, got text \"none\""),
                    Arguments.of("node not an object", tinyWith("{ \"id\": \"head\", \"type\": \"Classification\", "
                                    + "\"params\": { \"classes\": 3 } }", "\"head\""),
                            "graph.nodes[2]", "must be an object, got text \"head\""),
                    Arguments.of("node without id", tinyWith("\"id\": \"fc\", ", ""),
                            "graph.nodes[1].id", "is missing"),
                    Arguments.of("id not text", tinyWith("\"id\": \"fc\"", "\"id\": 7"),
                            "graph.nodes[1].id", "must be text, got the number 7"),
                    Arguments.of("id with a space", tinyWith("\"id\": \"fc\"", "\"id\": \"f c\""),
                            "graph.nodes[1].id", "\"f c\" is not a valid id"),
                    Arguments.of("id starting with a digit", tinyWith("\"id\": \"fc\"", "\"id\": \"1fc\""),
                            "graph.nodes[1].id", "\"1fc\" is not a valid id"),
                    Arguments.of("id with a dot", tinyWith("\"id\": \"fc\"", "\"id\": \"f.c\""),
                            "graph.nodes[1].id", "\"f.c\" is not a valid id"),
                    Arguments.of("duplicate id", tinyWith("\"id\": \"head\"", "\"id\": \"fc\""),
                            "graph.nodes[2].id", "\"fc\" is used by another node"),
                    Arguments.of("unknown type", tinyWith("\"Dense\"", "\"Dens\""),
                            "graph.nodes[1].type", "unknown layer type \"Dens\"; did you mean Dense?"),
                    Arguments.of("unknown type far from any", tinyWith("\"Dense\"", "\"Transmogrifier\""),
                            "graph.nodes[1].type", "unknown layer type \"Transmogrifier\"; see `netloom layers`"),
                    Arguments.of("unknown param", tinyWith("\"units\": 4", "\"unitz\": 4"),
                            "graph.nodes[1].params.unitz", "Dense has no such parameter; it has units, bias"),
                    Arguments.of("param on a type that has none", tinyWith("\"Tabular\"", "\"Flatten\""),
                            "graph.nodes[0].params.features", "Flatten has no such parameter; it has none"),
                    Arguments.of("int param given as text", tinyWith("\"units\": 4", "\"units\": \"3\""),
                            "graph.nodes[1].params.units", "must be an integer from 1 to 65536, got \"3\""),
                    Arguments.of("int param given a fraction", tinyWith("\"units\": 4", "\"units\": 3.5"),
                            "graph.nodes[1].params.units", "must be an integer from 1 to 65536, got 3.5"),
                    Arguments.of("int param overflowing a double", tinyWith("\"units\": 4", "\"units\": 1e400"),
                            "graph.nodes[1].params.units", "must be an integer from 1 to 65536, got Infinity"),
                    Arguments.of("int param overflowing a long", tinyWith("\"units\": 4", "\"units\": 99999999999999999999"),
                            "graph.nodes[1].params.units", "must be an integer from 1 to 65536, got 99999999999999999999"),
                    Arguments.of("int param just over int", tinyWith("\"units\": 4", "\"units\": 2147483648"),
                            "graph.nodes[1].params.units", "must be an integer from 1 to 65536, got 2147483648"),
                    Arguments.of("int param below range", tinyWith("\"units\": 4", "\"units\": 0"),
                            "graph.nodes[1].params.units", "must be an integer from 1 to 65536, got 0"),
                    Arguments.of("int param above range", tinyWith("\"classes\": 3", "\"classes\": 100001"),
                            "graph.nodes[2].params.classes", "must be an integer from 2 to 100000, got 100001"),
                    Arguments.of("bool param given as text", tinyWith("\"units\": 4", "\"bias\": \"yes\""),
                            "graph.nodes[1].params.bias", "must be true or false, got \"yes\""),
                    Arguments.of("param null", tinyWith("\"units\": 4", "\"units\": null"),
                            "graph.nodes[1].params.units", "must be an integer from 1 to 65536, got null"),
                    Arguments.of("params not an object", tinyWith("\"params\": { \"units\": 4 }", "\"params\": [4]"),
                            "graph.nodes[1].params", "must be an object, got a list"),
                    Arguments.of("position not a number", tinyWith("\"type\": \"Dense\",", "\"type\": \"Dense\", "
                                    + "\"position\": {\"x\": \"left\"},"),
                            "graph.nodes[1].position.x", "must be a number within ±1e9, got \"left\""),
                    Arguments.of("position too far", tinyWith("\"type\": \"Dense\",", "\"type\": \"Dense\", "
                                    + "\"position\": {\"x\": 0, \"y\": -1e300},"),
                            "graph.nodes[1].position.y", "must be a number within ±1e9, got -1.0E300"),
                    Arguments.of("edge without node.port", tinyWith("\"from\": \"in.out\"", "\"from\": \"in\""),
                            "graph.edges[0].from", "expected \"node.port\", got \"in\""),
                    Arguments.of("edge with an empty port", tinyWith("\"to\": \"fc.in\"", "\"to\": \"fc.\""),
                            "graph.edges[0].to", "expected \"node.port\", got \"fc.\""),
                    Arguments.of("edge not text", tinyWith("\"to\": \"fc.in\"", "\"to\": {\"node\": \"fc\"}"),
                            "graph.edges[0].to", "must be text, got an object"),
                    Arguments.of("edge without a from", tinyWith("\"from\": \"fc.out\", ", ""),
                            "graph.edges[1].from", "is missing"),
                    Arguments.of("edge to a missing node", tinyWith("\"to\": \"head.in\"", "\"to\": \"heads.in\""),
                            "graph.edges[1].to", "no node \"heads\""),
                    Arguments.of("edge from a missing output port", tinyWith("\"from\": \"in.out\"", "\"from\": \"in.output\""),
                            "graph.edges[0].from", "Tabular node in has no output port \"output\" (it has out)"),
                    Arguments.of("edge to a missing input port", tinyWith("\"to\": \"fc.in\"", "\"to\": \"fc.input\""),
                            "graph.edges[0].to", "Dense node fc has no input port \"input\" (it has in)"),
                    Arguments.of("edge into a node without inputs", tinyWith("\"to\": \"fc.in\"", "\"to\": \"in.in\""),
                            "graph.edges[0].to", "Tabular node in has no input port \"in\" (it has none)"),
                    Arguments.of("two edges into one input", tinyWith("{ \"from\": \"fc.out\", \"to\": \"head.in\" }",
                                    "{ \"from\": \"fc.out\", \"to\": \"head.in\" }, { \"from\": \"in.out\", \"to\": \"head.in\" }"),
                            "graph.edges[2].to", "input head.in already has an incoming edge; an input takes one"),
                    Arguments.of("known section not an object", tinyWithMember("\"training\": [1]"),
                            "training", "must be an object, got a list"),
                    Arguments.of("duplicate JSON key", tinyWith("\"name\": \"Tiny\",", "\"name\": \"Tiny\", \"name\": \"Other\","),
                            "line 3, column 25", "Duplicate field 'name'"),
                    Arguments.of("duplicate key inside a node", tinyWith("\"units\": 4", "\"units\": 4, \"units\": 5"),
                            "line 7, column 69", "Duplicate field 'units'"),
                    Arguments.of("trailing garbage", TINY + "garbage", "line 16, column 1", "Unrecognized token 'garbage'"),
                    Arguments.of("a second document", TINY + "{}", "line 16, column 1", "Trailing token"),
                    Arguments.of("missing comma", tinyWith("\"Tiny\",", "\"Tiny\""), "line 4, column 3",
                            "was expecting comma to separate Object entries"),
                    Arguments.of("comment", tinyWith("\"Tiny\",", "\"Tiny\", // the name"), "line 3, column 19",
                            "comments are not allowed in JSON"),
                    Arguments.of("NaN", tinyWith("\"units\": 4", "\"units\": NaN"), "line 7, column 62",
                            "'NaN' is not a JSON number (write a number, or null)"),
                    Arguments.of("deep nesting in a section", tinyWithMember("\"training\": {\"deep\": "
                                    + "[".repeat(10_000) + "]".repeat(10_000) + "}"), "line 4, column 87",
                            "nested 65 levels deep; at most 64 levels are allowed"),
                    Arguments.of("deep nesting in a param", tinyWith("\"units\": 4", "\"units\": "
                                    + "[".repeat(10_000) + "]".repeat(10_000)), "line 7, column 119",
                            "nested 65 levels deep; at most 64 levels are allowed"),
                    Arguments.of("a 10,000-digit number", tinyWith("\"units\": 4", "\"units\": " + "7".repeat(10_000)),
                            "line 7, column 10059", "a number of 10000 digits is longer than the 64 allowed"),
                    Arguments.of("a 10,000-digit fraction in a section", tinyWithMember("\"training\": {\"lr\": 0."
                                    + "1".repeat(10_000) + "}"), "line 4, column 10024",
                            "digits is longer than the 64 allowed"),
                    Arguments.of("a 2,000-character key", tinyWithMember("\"" + "k".repeat(2000) + "\": 1"),
                            "line 4, column 2005", "a key of 2000 characters is longer than the 1024 allowed"),
                    Arguments.of("a number too large for a double in a section", tinyWithMember(
                                    "\"training\": {\"schedule\": [{\"lr\": 1e400}]}"),
                            "training.schedule[0].lr", "too large"),
                    // Control characters must not break the one-line message, wherever the text is echoed.
                    Arguments.of("newline in a type", tinyWith("\"Dense\"", "\"Den\\nse\""),
                            "graph.nodes[1].type", "unknown layer type \"Den\\nse\""),
                    Arguments.of("newline in an id", tinyWith("\"id\": \"fc\"", "\"id\": \"f\\nc\""),
                            "graph.nodes[1].id", "\"f\\nc\" is not a valid id"),
                    Arguments.of("carriage return in a param name", tinyWith("\"units\": 4", "\"un\\rits\": 4"),
                            "graph.nodes[1].params.un\\rits", "Dense has no such parameter"),
                    Arguments.of("line separator in an edge", tinyWith("\"to\": \"head.in\"", "\"to\": \"he\\u2028ad.in\""),
                            "graph.edges[1].to", "no node \"he\\u2028ad\""),
                    Arguments.of("escape character in a param value", tinyWith("\"units\": 4", "\"bias\": \"\\u001b[2J\""),
                            "graph.nodes[1].params.bias", "got \"\\u001b[2J\""),
                    Arguments.of("raw line separator outside a string", tinyWith("\"name\": \"Tiny\",", "\"name\": \"Tiny\",\u2028"),
                            "line 3, column 18", "Unexpected character"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("malformed")
        void isRefusedWithItsExactLocationInOneLine(String what, String text, String location, String reason) {
            ProjectFormatException e = parseFailure(text);

            assertThat(e.source()).isEqualTo("tiny.netloom");
            assertThat(e.location()).isEqualTo(location);
            assertThat(e.reason()).contains(reason);
            assertThat(e.getMessage()).isEqualTo("tiny.netloom: " + (location.isEmpty() ? "" : location + ": ")
                    + e.reason());
        }

        @Test
        void aTwoMegabyteStringIsRefusedWhereItCrossesTheLimit() {
            String huge = "x".repeat(2 << 20);
            ProjectFormatException e = parseFailure(tinyWith("\"Tiny\"", "\"" + huge + "\""));

            assertThat(e.reason()).startsWith("a text of ").endsWith(" characters is longer than the 1048576 allowed");
            // Line 3 is `  "name": "xxx...`; where inside the string the reader gives up depends on its buffers.
            assertThat(e.location()).matches("line 3, column \\d+");
            int column = Integer.parseInt(e.location().substring("line 3, column ".length()));
            assertThat(column).isBetween(12 + (1 << 20), 12 + huge.length());
        }

        static Stream<Arguments> truncations() {
            // Cut each template at the end of lines spread through it, the last cut just before the final brace:
            // the reader stops at the end of the text.
            return TemplateTexts.NAMES.stream().flatMap(name -> {
                String text = TemplateTexts.text(name);
                int lastLine = text.lastIndexOf("\n}");
                return IntStream.of(1, 5, 25, 50, 75, 95, 100).mapToObj(percent -> {
                    int lineEnd = percent == 100 ? lastLine : text.indexOf('\n', text.length() * percent / 100);
                    return Arguments.of(name, percent, text.substring(0, Math.min(lineEnd, lastLine)));
                });
            });
        }

        @ParameterizedTest(name = "{0} cut at {1}%")
        @MethodSource("truncations")
        void aTruncatedTemplateIsRefusedAtTheEndOfTheText(String name, int percent, String cut) {
            ProjectFormatException e = parseFailure(cut);

            String[] lines = cut.split("\n", -1);
            assertThat(e.location()).isEqualTo("line " + lines.length + ", column " + (lines[lines.length - 1].length() + 1));
            assertThat(e.reason()).contains("end-of-input");
        }

        @ParameterizedTest(name = "{0} cut at character {1}")
        @MethodSource("cutsAnywhere")
        void aTemplateCutAnywhereIsRefusedOnItsLastLine(String name, int length) {
            String cut = TemplateTexts.text(name).substring(0, length);

            ProjectFormatException e = parseFailure(cut);

            long lastLine = cut.chars().filter(c -> c == '\n').count() + 1;
            assertThat(e.location()).startsWith("line " + lastLine + ", column ");
        }

        static Stream<Arguments> cutsAnywhere() {
            return TemplateTexts.NAMES.stream().flatMap(name -> {
                int length = TemplateTexts.text(name).length();
                return IntStream.of(1, 2, 17, length / 3, length / 2 + 1, length - 7, length - 2)
                        .mapToObj(at -> Arguments.of(name, at));
            });
        }
    }

    @Nested
    class BrokenFiles {

        @Test
        void aFileOverTheSizeLimitIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("huge.netloom");
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(ProjectFile.MAX_FILE_BYTES + 1); // sparse: costs no disk
            }

            ProjectFormatException e = readFailure(file);

            assertThat(e.location()).isEmpty();
            assertThat(e.reason()).isEqualTo("is 33 MiB; project files are at most 32 MiB");
        }

        @Test
        void aFileAtTheSizeLimitIsParsed(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("padded.netloom");
            String text = TINY.stripTrailing();
            Files.writeString(file, text + " ".repeat((int) ProjectFile.MAX_FILE_BYTES - text.length()));

            assertThat(files.read(file).name()).isEqualTo("Tiny");
        }

        @Test
        void aFolderIsRefused(@TempDir Path dir) throws Exception {
            Path folder = Files.createDirectory(dir.resolve("looks-like.netloom"));

            ProjectFormatException e = readFailure(folder);

            assertThat(e.location()).isEmpty();
            assertThat(e.reason()).isEqualTo("is a folder, not a project file");
        }

        /** /dev/zero was read until OutOfMemoryError; a pipe blocked forever or bypassed the size limit. */
        @Test
        @org.junit.jupiter.api.Timeout(60) // a guard only: opening a pipe with no writer would block
        void devicesAndPipesAreRefusedWithoutBeingRead(@TempDir Path dir) throws Exception {
            Path fifo = dir.resolve("piped.netloom");
            assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
            for (Path p : java.util.List.of(Path.of("/dev/zero"), fifo)) {
                ProjectFormatException e = readFailure(p);
                assertThat(e.reason()).isEqualTo("is not a regular file (a device, pipe or socket); save the project to "
                        + "a file and open that");
            }
        }

        @Test
        void aMissingFileIsRefused(@TempDir Path dir) {
            ProjectFormatException e = readFailure(dir.resolve("nowhere.netloom"));

            assertThat(e.reason()).isEqualTo("no such file");
        }

        @Test
        void aFileInAMissingFolderIsRefused(@TempDir Path dir) {
            ProjectFormatException e = readFailure(dir.resolve("no-folder").resolve("nowhere.netloom"));

            assertThat(e.reason()).isEqualTo("no such file");
        }

        @Test
        void bytesThatAreNotUtf8AreRefused(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("latin1.netloom");
            Files.write(file, tinyWith("\"Tiny\"", "\"Caf\u00e9\"").getBytes(StandardCharsets.ISO_8859_1));

            ProjectFormatException e = readFailure(file);

            assertThat(e.location()).isEmpty();
            assertThat(e.reason()).isEqualTo("is not UTF-8 text");
        }

        @Test
        void aFileErrorNamesTheFileAndTheJsonPath(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("bad.netloom");
            Files.writeString(file, tinyWith("\"units\": 4", "\"units\": 0"));

            ProjectFormatException e = readFailure(file);

            assertThat(e.getMessage()).isEqualTo(file + ": graph.nodes[1].params.units: "
                    + "must be an integer from 1 to 65536, got 0");
        }
    }

    // ---------------------------------------------------------------- migrations

    /** A migration that renames a top-level key, as a real format change might. */
    private record RenameKey(int from, String oldKey, String newKey) implements Migration {
        @Override
        public void migrate(ObjectNode root) {
            if (root.has(oldKey)) {
                root.set(newKey, root.remove(oldKey));
            }
        }
    }

    @Nested
    class Migrations {

        private final String schemaOne = tinyWith("\"name\": \"Tiny\",", "\"title\": \"Old title\", \"notes\": \"old notes\",");

        @Test
        void anOlderFileIsMigratedToTheCurrentSchema() throws Exception {
            ProjectFile v2 = new ProjectFile(CATALOG, 2, List.of(new RenameKey(1, "title", "name")));

            Project p = v2.parse(schemaOne, "old.netloom");

            assertThat(p.name()).isEqualTo("Old title");
            assertThat(p.sections()).containsOnlyKeys("notes");
            assertThat(v2.toJson(p)).startsWith("{\n  \"schemaVersion\": 2,\n  \"name\": \"Old title\",");
        }

        @Test
        void migrationsRunInOrderOfTheirVersionWhateverTheListOrder() throws Exception {
            List<Integer> ran = new ArrayList<>();
            Migration oneToTwo = recording(new RenameKey(1, "title", "name"), ran);
            Migration twoToThree = recording(new RenameKey(2, "notes", "description"), ran);
            ProjectFile v3 = new ProjectFile(CATALOG, 3, List.of(twoToThree, oneToTwo));

            Project p = v3.parse(schemaOne, "old.netloom");

            assertThat(ran).containsExactly(1, 2);
            assertThat(p.name()).isEqualTo("Old title");
            assertThat(p.description()).isEqualTo("old notes");
            assertThat(p.sections()).isEmpty();
        }

        @Test
        void aFileOfTheCurrentSchemaIsNotMigrated() throws Exception {
            List<Integer> ran = new ArrayList<>();
            ProjectFile v2 = new ProjectFile(CATALOG, 2, List.of(recording(new RenameKey(1, "title", "name"), ran)));

            Project p = v2.parse(tinyWith("\"schemaVersion\": 1", "\"schemaVersion\": 2"), "new.netloom");

            assertThat(ran).isEmpty();
            assertThat(p.name()).isEqualTo("Tiny");
        }

        @Test
        void aMissingMigrationStepIsAClearError() {
            ProjectFile v3 = new ProjectFile(CATALOG, 3, List.of(new RenameKey(1, "title", "name")));

            ProjectFormatException e = catchThrowableOfType(ProjectFormatException.class,
                    () -> v3.parse(schemaOne, "old.netloom"));

            assertThat(e.getMessage()).isEqualTo("old.netloom: schemaVersion: no migration from schema 2");
        }

        @Test
        void aFileNewerThanTheMigratingReaderIsRefused() {
            ProjectFile v2 = new ProjectFile(CATALOG, 2, List.of(new RenameKey(1, "title", "name")));

            ProjectFormatException e = catchThrowableOfType(ProjectFormatException.class,
                    () -> v2.parse(tinyWith("\"schemaVersion\": 1", "\"schemaVersion\": 3"), "future.netloom"));

            assertThat(e.location()).isEqualTo("schemaVersion");
            assertThat(e.reason()).startsWith("is 3: the file was written by a newer Netloom; this version reads schema 2");
        }

        @Test
        void aMigrationThatChokesOnUnexpectedContentIsAFormatError() {
            // A migration written for well-formed files meets a hostile one: it must not crash the reader.
            Migration naive = new Migration() {
                @Override
                public int from() {
                    return 1;
                }

                @Override
                public void migrate(ObjectNode root) {
                    ((ObjectNode) root.get("graph")).put("migrated", true);
                }
            };
            ProjectFile v2 = new ProjectFile(CATALOG, 2, List.of(naive));

            ProjectFormatException e = catchThrowableOfType(ProjectFormatException.class,
                    () -> v2.parse("{\"schemaVersion\": 1, \"graph\": [\"not\", \"an\", \"object\"]}", "odd.netloom"));

            assertThat(e).isNotNull();
            assertOneLine(e.getMessage());
            assertThat(e.location()).isEqualTo("schemaVersion");
            assertThat(e.reason()).startsWith("cannot be upgraded from schema 1");
        }

        private Migration recording(Migration m, List<Integer> ran) {
            return new Migration() {
                @Override
                public int from() {
                    return m.from();
                }

                @Override
                public void migrate(ObjectNode root) {
                    ran.add(m.from());
                    m.migrate(root);
                }
            };
        }
    }

    // ---------------------------------------------------------------- atomic saves

    @Nested
    class AtomicSave {

        private List<String> namesIn(Path dir) throws IOException {
            try (Stream<Path> s = Files.list(dir)) {
                return s.map(p -> p.getFileName().toString()).sorted().toList();
            }
        }

        @Test
        void savingLeavesNoTemporaryFilesBehind(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("cnn.netloom");

            files.write(template("small-cnn"), file);
            files.write(template("mobilenet-v2"), file);

            assertThat(namesIn(dir)).containsExactly("cnn.netloom");
        }

        @Test
        void savingKeepsTheFilesPermissionsAndGivesNewFilesTheUsualOnes(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("shared.netloom");
            files.write(template("small-cnn"), file);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-r--r--");

            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
            files.write(template("text-classifier"), file);

            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-rw-r--");
        }

        @Test
        void aByteOrderMarkAtTheStartIsAccepted() throws Exception {
            String text = files.toJson(template("small-cnn"));

            assertThat(files.parse("\uFEFF" + text, "bom.netloom")).isEqualTo(template("small-cnn"));
        }

        @Test
        void savingCreatesMissingParentFolders(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("a").resolve("b").resolve("cnn.netloom");

            files.write(template("small-cnn"), file);

            assertThat(files.read(file)).isEqualTo(template("small-cnn"));
        }

        @Test
        void overwritingABiggerFileReplacesItWhole(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("model.netloom");
            files.write(template("mobilenet-v2"), file);
            Project small = template("text-classifier");

            files.write(small, file);

            assertThat(Files.readString(file)).isEqualTo(files.toJson(small));
            assertThat(files.read(file)).isEqualTo(small);
        }

        @Test
        void aReaderNeverSeesATornFileWhileAnotherThreadSavesRepeatedly(@TempDir Path dir) throws Exception {
            Project mobile = template("mobilenet-v2");
            Project a = mobile.withName("Version A").withSection("notes", tree("{\"text\": \"" + "a".repeat(400_000) + "\"}"));
            Project b = mobile.withName("Version B").withSection("notes", tree("{\"text\": \"" + "b".repeat(100_000) + "\"}"));
            Path file = dir.resolve("big.netloom");
            files.write(a, file);
            int saves = 60;
            int reads = 200;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Callable<Void> writer = () -> {
                    go.await();
                    for (int i = 0; i < saves; i++) {
                        files.write(i % 2 == 0 ? b : a, file);
                    }
                    return null;
                };
                Callable<Set<String>> reader = () -> {
                    go.await();
                    Set<String> seen = new HashSet<>();
                    for (int i = 0; i < reads; i++) {
                        Project p = files.read(file);
                        assertThat(p).as("read %d", i).isIn(a, b);
                        seen.add(p.name());
                    }
                    return seen;
                };
                Future<Void> writing = pool.submit(writer);
                Future<Set<String>> reading = pool.submit(reader);
                go.countDown();

                writing.get(120, TimeUnit.SECONDS);
                assertThat(reading.get(120, TimeUnit.SECONDS)).isNotEmpty();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error; // an assertion that failed in the reader
                }
                if (e.getCause() instanceof Exception exception) {
                    throw exception;
                }
                throw e;
            } finally {
                pool.shutdownNow();
            }
            assertThat(namesIn(dir)).containsExactly("big.netloom");
        }

        @Test
        void savingOverAFolderFailsAndLeavesTheFolderAsItWas(@TempDir Path dir) throws Exception {
            Path target = Files.createDirectory(dir.resolve("model.netloom"));
            Files.writeString(target.resolve("keep.txt"), "precious");

            assertThatThrownBy(() -> files.write(template("small-cnn"), target)).isInstanceOf(IOException.class);

            assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("precious");
            assertThat(namesIn(dir)).containsExactly("model.netloom");
            assertThat(namesIn(target)).containsExactly("keep.txt");
        }

        @Test
        void savingUnderAFileInsteadOfAFolderFailsAndLeavesThatFileAlone(@TempDir Path dir) throws Exception {
            Path notAFolder = dir.resolve("notes.txt");
            Files.writeString(notAFolder, "precious");

            assertThatThrownBy(() -> files.write(template("small-cnn"), notAFolder.resolve("model.netloom")))
                    .isInstanceOf(IOException.class);

            assertThat(Files.readString(notAFolder)).isEqualTo("precious");
            assertThat(namesIn(dir)).containsExactly("notes.txt");
        }

        @Test
        void aSaveThatFailsBeforeTheRenameLeavesTheOldFileIntact(@TempDir Path dir) throws Exception {
            // A name just short of the file-system limit leaves no room for the temporary file's longer name,
            // so the save fails even for root, after the old file exists.
            Path file = dir.resolve("m".repeat(255 - ProjectFile.EXTENSION.length()) + ProjectFile.EXTENSION);
            Project old = template("small-cnn");
            Files.writeString(file, files.toJson(old));
            byte[] before = Files.readAllBytes(file);

            assertThatThrownBy(() -> files.write(template("mobilenet-v2"), file)).isInstanceOf(IOException.class);

            assertThat(Files.readAllBytes(file)).isEqualTo(before);
            assertThat(files.read(file)).isEqualTo(old);
            assertThat(namesIn(dir)).containsExactly(file.getFileName().toString());
        }
    }

    /** The malformed table must not be able to pass by accident: TINY itself is valid. */
    @Test
    void theBaseProjectOfTheMalformedCasesIsValid() throws Exception {
        Project p = parse(TINY);

        assertThat(p.graph().nodes()).extracting(Node::id).containsExactly("in", "fc", "head");
        assertThat(p.graph().edges()).hasSize(2);
        Iterator<String> keys = tree(TINY).fieldNames();
        assertThat(keys.next()).isEqualTo("schemaVersion");
    }
}
