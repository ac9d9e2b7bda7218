package glassbox.model.transformer;

import glassbox.model.tensor.F32Tensor;
import glassbox.model.tensor.FloatTensor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

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
        for (FloatTensor t : tensors(w)) {
            if (t instanceof F32Tensor f && !f.isOnHeap() && copies.put(t, t) == null) {
                if (f.size() > Integer.MAX_VALUE - 8) return w;
                bytes += f.byteSize();
            }
        }
        if (copies.isEmpty() || bytes > budgetBytes) return w;
        copies.replaceAll((k, v) -> ((F32Tensor) k).onHeap());
        UnaryOperator<FloatTensor> h = t -> t == null ? null : copies.getOrDefault(t, t);
        List<LayerWeights> layers = new ArrayList<>();
        for (LayerWeights l : w.layers()) {
            layers.add(new LayerWeights(h.apply(l.attnNorm()), h.apply(l.attnNormBias()), h.apply(l.wq()), h.apply(l.bq()),
                    h.apply(l.wk()), h.apply(l.bk()), h.apply(l.wv()), h.apply(l.bv()), h.apply(l.wo()), h.apply(l.bo()),
                    h.apply(l.mlpNorm()), h.apply(l.mlpNormBias()), h.apply(l.wGate()), h.apply(l.wUp()), h.apply(l.bUp()),
                    h.apply(l.wDown()), h.apply(l.bDown())));
        }
        return new ModelWeights(h.apply(w.tokenEmbedding()), h.apply(w.positionEmbedding()), layers,
                h.apply(w.finalNorm()), h.apply(w.finalNormBias()), h.apply(w.output()));
    }

    private static List<FloatTensor> tensors(ModelWeights w) {
        List<FloatTensor> all = new ArrayList<>();
        all.add(w.tokenEmbedding()); all.add(w.positionEmbedding()); all.add(w.finalNorm()); all.add(w.finalNormBias()); all.add(w.output());
        for (LayerWeights l : w.layers()) {
            all.addAll(java.util.Arrays.asList(l.attnNorm(), l.attnNormBias(), l.wq(), l.bq(), l.wk(), l.bk(), l.wv(), l.bv(), l.wo(),
                    l.bo(), l.mlpNorm(), l.mlpNormBias(), l.wGate(), l.wUp(), l.bUp(), l.wDown(), l.bDown()));
        }
        all.removeIf(java.util.Objects::isNull);
        return all;
    }
}
