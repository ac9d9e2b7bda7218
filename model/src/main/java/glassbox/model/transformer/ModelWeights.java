package glassbox.model.transformer;

import glassbox.model.tensor.FloatTensor;

import java.util.List;

/**
 * Every parameter of a model, as tensors (usually slices of one mapped file).
 *
 * @param tokenEmbedding    vocab×dim
 * @param positionEmbedding context×dim learned positions (GPT-2), or null
 * @param layers            one per block
 * @param finalNorm         dim
 * @param finalNormBias     dim, or null
 * @param output            vocab×dim classifier; the same object as tokenEmbedding when tied
 */
public record ModelWeights(FloatTensor tokenEmbedding, FloatTensor positionEmbedding, List<LayerWeights> layers,
                           FloatTensor finalNorm, FloatTensor finalNormBias, FloatTensor output) {
    public ModelWeights { layers = List.copyOf(layers); }

    /** Distinct parameters (a tied head counted once). */
    public long parameterCount() {
        long n = tokenEmbedding.size() + finalNorm.size();
        if (positionEmbedding != null) n += positionEmbedding.size();
        if (finalNormBias != null) n += finalNormBias.size();
        if (output != tokenEmbedding) n += output.size();
        for (LayerWeights l : layers) n += l.parameterCount();
        return n;
    }

    /** Every tensor that is present (a tied classifier listed twice, as the same object). */
    java.util.List<FloatTensor> tensors() {
        java.util.List<FloatTensor> all = new java.util.ArrayList<>(java.util.stream.Stream.of(tokenEmbedding, positionEmbedding,
                finalNorm, finalNormBias, output).filter(java.util.Objects::nonNull).toList());
        for (LayerWeights l : layers) all.addAll(l.tensors());
        return all;
    }

    /** The model with every present tensor replaced by f(tensor); f should map one object to one object, so a tied head stays tied. */
    ModelWeights map(java.util.function.UnaryOperator<FloatTensor> f) {
        java.util.function.UnaryOperator<FloatTensor> g = t -> t == null ? null : f.apply(t);
        return new ModelWeights(g.apply(tokenEmbedding), g.apply(positionEmbedding), layers.stream().map(l -> l.map(f)).toList(),
                g.apply(finalNorm), g.apply(finalNormBias), g.apply(output));
    }

    /** Bytes read per decoded token: every layer matrix plus the classifier (embedding rows are negligible). */
    public long bytesPerToken() { return perToken().stream().mapToLong(FloatTensor::byteSize).sum(); }

    /** {@link #bytesPerToken()} with half and quantized bytes counted four times (their kernels are compute-bound): a decode step's cost in f32 bytes. */
    long decodeWork() {
        return perToken().stream().mapToLong(t -> t instanceof glassbox.model.tensor.F32Tensor ? t.byteSize() : 4 * t.byteSize()).sum();
    }

    /** The tensors a decoded token reads: every layer's, the final norm, the classifier. */
    private java.util.List<FloatTensor> perToken() {
        java.util.List<FloatTensor> all = new java.util.ArrayList<>();
        for (LayerWeights l : layers) all.addAll(l.tensors());
        all.add(finalNorm);
        all.add(output);
        return all;
    }
}
