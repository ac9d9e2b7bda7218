package glassbox.model.transformer;

import glassbox.model.tensor.F32Tensor;
import glassbox.model.tensor.FloatTensor;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * F32 weights copied from the mapped file into heap arrays when they fit a share of the heap: C2 compiles the dot
 * product over an array to plain vector loads, which stream from memory about 1.4× faster than the same loop over a
 * mapped segment on this machine kind (quantized and half types stay mapped: their kernels are compute-bound).
 */
public final class HeapWeights {
    private HeapWeights() {}

    /** Largest share of the maximum heap the copies may take. */
    static final double HEAP_SHARE = 0.25;

    /** The weights with every mapped F32 tensor copied to the heap, or the weights unchanged when the copies would not fit. */
    public static ModelWeights resident(ModelWeights w) { return resident(w, (long) (Runtime.getRuntime().maxMemory() * HEAP_SHARE)); }

    /** As {@link #resident(ModelWeights)} with an explicit budget in bytes. */
    static ModelWeights resident(ModelWeights w, long budgetBytes) {
        Map<FloatTensor, FloatTensor> copies = new IdentityHashMap<>();   // a tied classifier is copied once
        long bytes = 0;
        for (FloatTensor t : w.tensors()) {
            if (t instanceof F32Tensor f && !f.isOnHeap() && copies.put(t, t) == null) {
                if (f.size() > Integer.MAX_VALUE - 8) return w;
                bytes += f.byteSize();
            }
        }
        if (copies.isEmpty() || bytes > budgetBytes) return w;
        copies.replaceAll((k, v) -> ((F32Tensor) k).onHeap());
        return w.map(t -> copies.getOrDefault(t, t));
    }
}
