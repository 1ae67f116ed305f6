package dev.netloom.graph.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The safetensors layout, byte for byte, and refusal of damaged files. */
class SafetensorsTest {

    @TempDir
    Path dir;

    private final Map<String, Tensor> tensors = Map.of(
            "fc.weight", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3),
            "fc.bias", Tensor.of(new float[] {-1.5f, 0.25f}, 2),
            "input.tokens", Tensor.ofLongs(new long[] {7, 8, 9}, 1, 3));

    @Test
    void writesTheStandardLayoutAndReadsItBack() throws IOException {
        Path file = dir.resolve("w.safetensors");
        Safetensors.write(file, tensors, Map.of("format", "test"));

        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLength % 8).isZero();
        JsonNode header = new ObjectMapper().readTree(Arrays.copyOfRange(bytes, 8, 8 + (int) headerLength));
        assertThat(header.get("__metadata__").get("format").asText()).isEqualTo("test");
        // Sorted by name: fc.bias (8 bytes), fc.weight (24), input.tokens (24).
        assertThat(header.get("fc.bias").get("data_offsets").toString()).isEqualTo("[0,8]");
        assertThat(header.get("fc.weight").get("data_offsets").toString()).isEqualTo("[8,32]");
        assertThat(header.get("input.tokens").get("dtype").asText()).isEqualTo("I64");
        assertThat(bytes.length).isEqualTo(8 + headerLength + 56);
        float first = ByteBuffer.wrap(bytes, (int) (8 + headerLength), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertThat(first).isEqualTo(-1.5f);

        Safetensors.Contents read = Safetensors.read(file);
        assertThat(read.tensors()).isEqualTo(tensors);
        assertThat(read.metadata()).containsEntry("format", "test");
    }

    @Test
    void aTruncatedFileIsRefusedNamingTheTensor() throws IOException {
        Path file = dir.resolve("w.safetensors");
        Safetensors.write(file, tensors, Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));

        assertThatThrownBy(() -> Safetensors.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("w.safetensors: tensor input.tokens: data_offsets");
    }

    @Test
    void aHeaderLengthBeyondTheFileIsRefused() throws IOException {
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());

        assertThatThrownBy(() -> Safetensors.read(file)).hasMessageContaining("does not fit a file of 16 bytes");
    }

    @Test
    void aShapeThatDoesNotMatchItsBytesIsRefused() throws IOException {
        String header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}";
        ByteBuffer b = ByteBuffer.allocate(8 + header.length() + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length()).put(header.getBytes()).putLong(0);
        Path file = dir.resolve("shape.safetensors");
        Files.write(file, b.array());

        assertThatThrownBy(() -> Safetensors.read(file)).hasMessageContaining("tensor x: 8 bytes do not hold shape [3]");
    }
}
