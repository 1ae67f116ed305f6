package dev.netloom.export.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Random mutations of a real manifest: the parser either reads them or throws its one exception
 * type with the file name first and on one line, never anything else, and never takes long.
 */
class ManifestFuzzTest {

    private static final byte[] REAL = ManifestFile.format(ManifestFileTest.sample());

    @Property(tries = 400)
    void byteMutationsOnlyEverThrowManifestFormatException(@ForAll("byteMutations") byte[] bytes) {
        parseSafely(bytes);
    }

    @Property(tries = 400)
    void treeMutationsOnlyEverThrowManifestFormatException(@ForAll("treeMutations") byte[] bytes) {
        parseSafely(bytes);
    }

    private static void parseSafely(byte[] bytes) {
        // A guard against a parser that hangs, not a speed claim: generous for a loaded machine.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try {
                Manifest m = ManifestFile.parse(bytes, "manifest.json");
                // What parses must write back to something that parses to the same manifest.
                assertThat(ManifestFile.parse(ManifestFile.format(m), "manifest.json")).isEqualTo(m);
            } catch (ManifestFormatException e) {
                assertThat(e.getMessage()).startsWith("manifest.json: ").doesNotContain("\n", "\r");
            }
        });
    }

    @Provide
    Arbitrary<byte[]> byteMutations() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, REAL.length - 1);
        Arbitrary<Byte> value = Arbitraries.bytes();
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 3);
        Arbitrary<List<int[]>> edits = Combinators.combine(kind, position, value)
                .as((k, p, v) -> new int[] {k, p, v}).list().ofMinSize(1).ofMaxSize(8);
        return edits.map(list -> {
            List<Byte> b = new ArrayList<>();
            for (byte x : REAL) {
                b.add(x);
            }
            for (int[] e : list) {
                int p = Math.min(e[1], Math.max(0, b.size() - 1));
                if (b.isEmpty()) {
                    b.add((byte) e[2]);
                    continue;
                }
                switch (e[0]) {
                    case 0 -> b.set(p, (byte) e[2]);
                    case 1 -> b.add(p, (byte) e[2]);
                    case 2 -> {
                        if (!b.isEmpty()) {
                            b.remove(p);
                        }
                    }
                    default -> {
                        // Truncate: manifests cut short by a full disk or a broken copy.
                        while (b.size() > p) {
                            b.remove(b.size() - 1);
                        }
                    }
                }
            }
            byte[] out = new byte[b.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = b.get(i);
            }
            return out;
        });
    }

    @Provide
    Arbitrary<byte[]> treeMutations() {
        Arbitrary<JsonNode> values = Arbitraries.oneOf(
                Arbitraries.just(JsonNodeFactory.instance.nullNode()),
                Arbitraries.longs().map(JsonNodeFactory.instance::numberNode),
                Arbitraries.doubles().map(JsonNodeFactory.instance::numberNode),
                Arbitraries.strings().ofMaxLength(80).map(JsonNodeFactory.instance::textNode),
                Arbitraries.of("N", "int4", "auto", "float32", "int64", "0".repeat(64), "2026-01-31T12:00:00Z", "../x")
                        .map(JsonNodeFactory.instance::textNode),
                Arbitraries.of(true, false).map(JsonNodeFactory.instance::booleanNode),
                Arbitraries.create(JsonNodeFactory.instance::arrayNode),
                Arbitraries.create(JsonNodeFactory.instance::objectNode),
                Arbitraries.integers().between(1, 120).map(ManifestFuzzTest::deep));
        Arbitrary<Long> picks = Arbitraries.longs().between(0, Long.MAX_VALUE);
        Arbitrary<Integer> action = Arbitraries.integers().between(0, 2);
        return Combinators.combine(Combinators.combine(picks, action, values).as(Edit::new).list().ofMinSize(1).ofMaxSize(5),
                Arbitraries.just(0)).as((edits, ignored) -> {
            try {
                JsonNode root = BundleFixtures.JSON.readTree(REAL);
                for (Edit e : edits) {
                    apply(root, e);
                }
                return BundleFixtures.JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
            } catch (java.io.IOException ex) {
                throw new IllegalStateException(ex);
            }
        });
    }

    private record Edit(long pick, int action, JsonNode value) {
    }

    // Replaces, removes, or adds beside a node chosen among all containers of the tree.
    private static void apply(JsonNode root, Edit e) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get((int) (e.pick() % containers.size()));
        JsonNode value = e.value().deepCopy(); // values may be shared between tries; the tree must own its own
        if (target instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty() || e.action() == 2) {
                o.set("extra" + (e.pick() % 7), value);
            } else if (e.action() == 1) {
                o.remove(names.get((int) (e.pick() / 7 % names.size())));
            } else {
                o.set(names.get((int) (e.pick() / 7 % names.size())), value);
            }
        } else if (target instanceof ArrayNode a) {
            if (a.isEmpty() || e.action() == 2) {
                a.add(value);
            } else if (e.action() == 1) {
                a.remove((int) (e.pick() / 7 % a.size()));
            } else {
                a.set((int) (e.pick() / 7 % a.size()), value);
            }
        }
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            n.elements().forEachRemaining(c -> collect(c, out));
        }
    }

    private static JsonNode deep(int depth) {
        ArrayNode root = JsonNodeFactory.instance.arrayNode();
        ArrayNode at = root;
        for (int i = 0; i < depth; i++) {
            at = at.addArray();
        }
        return root;
    }
}
