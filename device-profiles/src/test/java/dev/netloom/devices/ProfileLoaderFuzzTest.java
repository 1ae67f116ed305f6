package dev.netloom.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random mutations of the real shipped profile files: the loader either loads the result or
 * throws a {@link ProfileFormatException} whose one-line message names the file. Never another
 * exception type.
 */
class ProfileLoaderFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> IDS = List.of("raspberry-pi-4", "raspberry-pi-5", "jetson-orin-nano",
            "snapdragon-8-gen-3", "apple-m4", "wear-os-snapdragon-w5", "esp32-s3", "stm32h7", "browser-wasm",
            "this-computer");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<JsonNode> ODD_VALUES = List.of(F.textNode("fast"), F.textNode(""), F.numberNode(-1),
            F.numberNode(0), F.numberNode(1e308), F.numberNode(3.5), F.numberNode(Long.MAX_VALUE), F.nullNode(),
            F.booleanNode(true), F.arrayNode(), F.objectNode(), F.textNode("fp64"), F.numberNode(2_147_483_648L));

    @Provide
    Arbitrary<String> profileIds() {
        return Arbitraries.of(IDS);
    }

    @Property(tries = 300)
    void structuralMutationsGiveOnlyTheOneExceptionNamingTheFile(@ForAll("profileIds") String id,
                                                                 @ForAll long seed) throws Exception {
        JsonNode tree = MAPPER.readTree(DeviceCatalogTest.shipped(id));
        Random random = new Random(seed);
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            mutate(tree, random);
        }
        check(MAPPER.writeValueAsString(tree), id + ".json");
    }

    @Property(tries = 200)
    void textDamageGivesOnlyTheOneExceptionNamingTheFile(@ForAll("profileIds") String id, @ForAll long seed) {
        String text = DeviceCatalogTest.shipped(id);
        Random random = new Random(seed);
        int at = random.nextInt(text.length());
        String damaged = switch (random.nextInt(3)) {
            case 0 -> text.substring(0, at);
            case 1 -> text.substring(0, at) + "\"}]{,:x9-" .charAt(random.nextInt(9)) + text.substring(at);
            default -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(20)));
        };
        check(damaged, id + ".json");
    }

    private static void check(String json, String file) {
        try {
            DeviceProfile p = DeviceCatalog.parse(json, file);
            assertThat(p.id()).isNotBlank();
        } catch (ProfileFormatException e) {
            assertThat(e.getMessage()).startsWith(file + ": ").doesNotContain("\n");
        }
    }

    /** Replaces, removes or retypes one value somewhere in the tree. */
    private static void mutate(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        JsonNode odd = ODD_VALUES.get(random.nextInt(ODD_VALUES.size()));
        if (target instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (random.nextBoolean()) {
                o.remove(name);
            } else {
                o.set(name, odd.deepCopy());
            }
        } else if (target instanceof ArrayNode a && a.size() > 0) {
            int i = random.nextInt(a.size());
            if (random.nextBoolean()) {
                a.remove(i);
            } else {
                a.set(i, odd.deepCopy());
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }
}
