package dev.netloom.graph;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The type of a tensor that flows along an edge: its element type and its shape for one
 * example. The batch dimension is symbolic and always leading, so it is not stored: a
 * {@code TensorType} of dims {@code [16, 28, 28]} is the tensor {@code [N, 16, 28, 28]}.
 * Images are channels first (C, H, W), as in PyTorch and ONNX.
 *
 * @param elementType what each element is
 * @param dims the shape without the batch dimension; every dimension is positive
 * @param vocabulary for token ids, how many distinct ids there are (ids are 0..vocabulary-1);
 *     0 for other tensors
 */
public record TensorType(ElementType elementType, List<Integer> dims, int vocabulary) {

    public TensorType {
        dims = List.copyOf(dims);
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("dimension must be positive, got " + d + " in " + dims);
            }
        }
        if (vocabulary < 0 || (vocabulary > 0) != (elementType == ElementType.INT64)) {
            throw new IllegalArgumentException("a vocabulary belongs to token ids only");
        }
    }

    /** A float tensor of the given shape (batch excluded). */
    public static TensorType floats(int... dims) {
        return new TensorType(ElementType.FLOAT32, java.util.Arrays.stream(dims).boxed().toList(), 0);
    }

    /** A float tensor of the given shape (batch excluded). */
    public static TensorType floats(List<Integer> dims) {
        return new TensorType(ElementType.FLOAT32, dims, 0);
    }

    /** A sequence of {@code length} token ids drawn from {@code vocabulary} ids. */
    public static TensorType tokens(int length, int vocabulary) {
        return new TensorType(ElementType.INT64, List.of(length), vocabulary);
    }

    public int rank() {
        return dims.size();
    }

    /** The size of dimension {@code i}; negative {@code i} counts from the end. */
    public int dim(int i) {
        return dims.get(i < 0 ? dims.size() + i : i);
    }

    /** The number of elements in one example; throws {@link ArithmeticException} on overflow. */
    public long elements() {
        long n = 1;
        for (int d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Bytes one example takes at this element type. */
    public long bytes() {
        return Math.multiplyExact(elements(), elementType == ElementType.INT64 ? 8L : 4L);
    }

    public TensorKind kind() {
        if (elementType == ElementType.INT64) {
            return dims.size() == 1 ? TensorKind.TOKENS : TensorKind.OTHER;
        }
        return switch (dims.size()) {
            case 1 -> TensorKind.VECTOR;
            case 2 -> TensorKind.SEQUENCE;
            case 3 -> TensorKind.IMAGE;
            default -> TensorKind.OTHER;
        };
    }

    /** The shape as people read it, batch first: {@code [N, 16, 28, 28]}. */
    @Override
    public String toString() {
        return dims.stream().map(String::valueOf).collect(Collectors.joining(", ", "[N, ", "]"));
    }

    /** The kind and shape for messages: {@code image [N, 16, 28, 28]}. */
    public String describe() {
        return kind().displayName() + " " + this;
    }
}
