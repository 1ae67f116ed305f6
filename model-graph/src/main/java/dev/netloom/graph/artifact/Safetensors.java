package dev.netloom.graph.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The safetensors format (huggingface/safetensors), so that weights are readable by other
 * tools: an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape
 * and byte range, optional {@code __metadata__} strings, then the raw little-endian data. This
 * class writes and reads the F32 and I64 tensors the studio uses; reading checks every length
 * and offset, so a damaged file is refused with a message naming the file and the tensor.
 */
public final class Safetensors {

    /** Headers larger than this are refused before allocation; ours are a few KiB. */
    private static final long MAX_HEADER = 100L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A file's contents.
     *
     * @param tensors by name, in file order
     * @param metadata the {@code __metadata__} strings
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    private Safetensors() {
    }

    /** Writes tensors (sorted by name, as the reference implementation does) and metadata. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, Tensor> sorted = new TreeMap<>(tensors);
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : sorted.entrySet()) {
            Tensor t = e.getValue();
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", t.dtype());
            var shape = entry.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            long length = (long) t.size() * (t.floats() != null ? 4 : 8);
            entry.putArray("data_offsets").add(offset).add(offset + length);
            offset += length;
        }
        byte[] headerBytes = JSON.writeValueAsBytes(header);
        int padded = (headerBytes.length + 7) / 8 * 8; // the data starts 8-byte aligned
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(length.array());
            out.write(headerBytes);
            out.write(" ".repeat(padded - headerBytes.length).getBytes(StandardCharsets.US_ASCII));
            for (Tensor t : sorted.values()) {
                ByteBuffer data = ByteBuffer.allocate(t.size() * (t.floats() != null ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
                if (t.floats() != null) {
                    data.asFloatBuffer().put(t.floats());
                } else {
                    data.asLongBuffer().put(t.longs());
                }
                out.write(data.array());
            }
            out.flush();
            channel.force(true);
        }
    }

    /** Reads a file written by {@link #write} or any safetensors writer using F32 and I64. */
    public static Contents read(Path file) throws IOException {
        String name = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new IOException(name + ": too short for a safetensors file (" + size + " bytes)");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = lengthBytes.flip().getLong();
            if (headerLength <= 0 || headerLength > MAX_HEADER || headerLength > size - 8) {
                throw new IOException(name + ": header length " + headerLength + " does not fit a file of " + size + " bytes");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, 8);
            JsonNode header;
            try {
                header = JSON.readTree(headerBytes.array());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IOException(name + ": the header is not JSON: " + dev.netloom.graph.files.ParserWords.plain(e.getOriginalMessage()));
            }
            if (header == null || !header.isObject()) {
                throw new IOException(name + ": the header is not a JSON object");
            }
            long dataStart = 8 + headerLength;
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = header.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getKey().equals("__metadata__")) {
                    f.getValue().properties().forEach(m -> metadata.put(m.getKey(), m.getValue().asText()));
                    continue;
                }
                tensors.put(f.getKey(), tensor(channel, name, f.getKey(), f.getValue(), dataStart, size));
            }
            return new Contents(tensors, metadata);
        }
    }

    private static Tensor tensor(FileChannel channel, String file, String tensor, JsonNode entry, long dataStart,
                                 long size) throws IOException {
        String where = file + ": tensor " + tensor;
        String dtype = entry.path("dtype").asText();
        int width = switch (dtype) {
            case "F32" -> 4;
            case "I64" -> 8;
            default -> throw new IOException(where + ": dtype " + dtype + " is not supported (F32, I64)");
        };
        JsonNode shapeNode = entry.path("shape");
        JsonNode offsets = entry.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new IOException(where + ": needs a shape list and two data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        try {
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asLong(-1);
                if (shape[i] < 0) {
                    throw new IOException(where + ": dimension " + i + " is not a whole number >= 0");
                }
                count = Math.multiplyExact(count, shape[i]);
            }
        } catch (ArithmeticException e) {
            throw new IOException(where + ": the shape is too large");
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (begin < 0 || end < begin || dataStart + end > size) {
            throw new IOException(where + ": data_offsets [" + begin + ", " + end + "] lie outside the file");
        }
        if (end - begin != count * width || count > Integer.MAX_VALUE) {
            throw new IOException(where + ": " + (end - begin) + " bytes do not hold shape " + java.util.Arrays.toString(shape)
                    + " of " + dtype);
        }
        ByteBuffer data = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, data, dataStart + begin);
        data.flip();
        if (width == 4) {
            float[] values = new float[(int) count];
            data.asFloatBuffer().get(values);
            return Tensor.of(values, shape);
        }
        long[] values = new long[(int) count];
        data.asLongBuffer().get(values);
        return Tensor.ofLongs(values, shape);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            at += n;
        }
    }

    /** Reads a file's tensors only. */
    public static Map<String, Tensor> readTensors(Path file) throws IOException {
        return read(file).tensors();
    }
}
