package glassbox.model.arithmetic.why;

import java.util.Random;

/**
 * Encoder-only, decoder-only, encoder-decoder. The encoder's self-attention sees every source
 * token (full mask); the decoder's is causal; cross-attention takes Q from the decoder (m × d_k)
 * and K, V from the encoder (n × d_k), so its weights are m × n with no mask.
 */
public final class ArchitecturesDemo {
    private ArchitecturesDemo() {}

    public record Shape(int rows, int cols) {
        @Override public String toString() { return rows + " × " + cols; }
    }

    public record Result(int sourceLen, int targetLen, int headDim, Shape crossQ, Shape crossK, Shape crossV, Shape crossWeights,
                         Shape crossOutput, double[][] encoderSelf, double[][] decoderSelf, double[][] cross) {}

    public static Result run(long seed) { return run(seed, 6, 4, 16, 8); }

    public static Result run(long seed, int n, int m, int d, int dk) {
        var rng = new Random(seed);
        var src = Lin.gaussian(rng, n, d, 1);
        var tgt = Lin.gaussian(rng, m, d, 1);
        double sc = 1 / Math.sqrt(dk);
        var enc = attention(rng, src, src, d, dk, sc, false);
        var dec = attention(rng, tgt, tgt, d, dk, sc, true);
        var q = Lin.mul(tgt, Lin.gaussian(rng, d, dk, 1 / Math.sqrt(d)));
        var k = Lin.mul(src, Lin.gaussian(rng, d, dk, 1 / Math.sqrt(d)));
        var v = Lin.mul(src, Lin.gaussian(rng, d, dk, 1 / Math.sqrt(d)));
        var w = Lin.softmaxRows(Lin.scale(Lin.mul(q, Lin.transpose(k)), sc), false);
        var o = Lin.mul(w, v);
        return new Result(n, m, dk, shape(q), shape(k), shape(v), shape(w), shape(o), enc, dec, w);
    }

    private static double[][] attention(Random rng, double[][] xq, double[][] xkv, int d, int dk, double sc, boolean causal) {
        var q = Lin.mul(xq, Lin.gaussian(rng, d, dk, 1 / Math.sqrt(d)));
        var k = Lin.mul(xkv, Lin.gaussian(rng, d, dk, 1 / Math.sqrt(d)));
        return Lin.softmaxRows(Lin.scale(Lin.mul(q, Lin.transpose(k)), sc), causal);
    }

    private static Shape shape(double[][] a) { return new Shape(a.length, a[0].length); }
}
