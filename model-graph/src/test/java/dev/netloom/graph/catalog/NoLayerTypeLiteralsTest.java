package dev.netloom.graph.catalog;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A layer type is written as a name in one place only: {@link LayerType}'s constants in the
 * catalog (the layer classes take their constant). Everywhere else in the main sources of every module, code
 * names a type through a {@code LayerType} constant, so a registry keyed by it is checked by the
 * compiler and a renamed or new type cannot be missed by a grep. This test reads every module's
 * {@code src/main/java} from the project root and fails listing {@code file:line} of each string
 * literal equal to a catalog type's name.
 */
class NoLayerTypeLiteralsTest {

    /** Where a type's name may be written as a literal, and why. */
    private static final Map<String, String> ALLOWED = Map.of(
            "model-graph/src/main/java/dev/netloom/graph/catalog/",
            "the catalog: LayerType's constants are the one place a type's name is written",
            "export/src/main/java/dev/netloom/export/onnx/OnnxOps.java",
            "ONNX operator names; Add, Concat, Flatten, Reshape and Dropout are also ONNX operators, not layer types");

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    @Test
    void noMainSourceOutsideTheCatalogWritesALayerTypeAsAString() throws IOException {
        Path root = projectRoot();
        Set<String> names = LayerCatalog.standard().all().stream().map(LayerSpec::type).collect(Collectors.toSet());
        List<Path> sources = mainSources(root);
        assertThat(sources).as("main sources found under %s", root).hasSizeGreaterThan(100);
        List<String> offenders = new ArrayList<>();
        for (Path file : sources) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            if (ALLOWED.keySet().stream().anyMatch(relative::startsWith)) {
                continue;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (JavaStringLiterals.Literal literal : JavaStringLiterals.of(text)) {
                if (names.contains(literal.value())) {
                    offenders.add(relative + ":" + literal.line() + ": \"" + literal.value() + "\"");
                }
            }
        }
        if (!offenders.isEmpty()) {
            fail(offenders.size() + " layer-type name(s) written as string literals; use the LayerType constant "
                    + "(or OnnxOps for an ONNX operator):\n  " + String.join("\n  ", offenders));
        }
    }

    @Test
    void theLexerSeesLiteralsButNotCommentsCharactersOrTextBlocks() {
        String source = """
                /** {@code "Dense"} in Javadoc */
                class A { // "Conv2d" in a comment
                    char q = '"';
                    String a = "Dense", b = "say \\"hi\\"";
                    String t = \"""
                            "MoE"
                            \""";
                    /* "Add" */ String c = "Add";
                }
                """;
        assertThat(JavaStringLiterals.of(source)).containsExactly(
                new JavaStringLiterals.Literal("Dense", 4), new JavaStringLiterals.Literal("say \\\"hi\\\"", 4),
                new JavaStringLiterals.Literal("Add", 8));
    }

    /** The folder whose pom.xml lists model-graph as a module: surefire runs in the module's folder. */
    private static Path projectRoot() throws IOException {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path pom = p.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.readString(pom).contains("<module>model-graph</module>")) {
                return p;
            }
        }
        throw new IllegalStateException("no project root (a pom.xml listing model-graph) above " + Path.of("").toAbsolutePath());
    }

    private static List<Path> mainSources(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        Matcher m = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        while (m.find()) {
            Path java = root.resolve(m.group(1).trim()).resolve("src/main/java");
            if (Files.isDirectory(java)) {
                try (Stream<Path> files = Files.walk(java)) {
                    files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(out::add);
                }
            }
        }
        return out;
    }
}
