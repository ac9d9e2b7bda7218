package glassbox.model.format.gguf;

import glassbox.model.io.ModelFormatException;
import glassbox.model.tensor.BF16Tensor;
import glassbox.model.tensor.F16Tensor;
import glassbox.model.tensor.F32Tensor;
import glassbox.model.tensor.FloatTensor;
import glassbox.model.tensor.Q4KTensor;
import glassbox.model.tensor.Q4_0Tensor;
import glassbox.model.tensor.Q6KTensor;
import glassbox.model.tensor.Q8_0Tensor;

import java.lang.foreign.MemorySegment;
import java.util.EnumSet;
import java.util.Set;

/** The FloatTensor for a stored ggml type: a view of the mapped bytes, dequantized only inside dot products. */
public final class GgufTensors {
    private GgufTensors() {}

    /** The storage types the engine computes with. */
    public static final Set<GgmlType> SUPPORTED = EnumSet.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16,
            GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K);

    public static FloatTensor of(GgmlType type, MemorySegment data, long elements) {
        return switch (type) {
            case F32 -> new F32Tensor(data);
            case F16 -> new F16Tensor(data);
            case BF16 -> new BF16Tensor(data);
            case Q8_0 -> new Q8_0Tensor(data, elements);
            case Q4_0 -> new Q4_0Tensor(data, elements);
            case Q4_K -> new Q4KTensor(data, elements);
            case Q6_K -> new Q6KTensor(data, elements);
            default -> throw new ModelFormatException("tensor type " + type + " is not supported (supported: " + SUPPORTED + ")");
        };
    }

    public static FloatTensor of(GgufFile file, GgufTensorInfo info) {
        if (!SUPPORTED.contains(info.type())) {
            throw new ModelFormatException(file.path().getFileName() + ": tensor " + info.name() + " has type " + info.type()
                    + ", which Glassbox cannot compute with (supported: " + SUPPORTED + ")");
        }
        return of(info.type(), file.tensorData(info), info.elements());
    }
}
