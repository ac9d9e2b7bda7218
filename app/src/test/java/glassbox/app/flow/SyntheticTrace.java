package glassbox.app.flow;

import glassbox.model.config.ModelConfig;
import glassbox.model.config.PositionScheme;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.HeadTrace;
import glassbox.model.trace.LayerTrace;
import glassbox.model.trace.Matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A self-consistent fake trace (random activations, real attention arithmetic) for view tests without the engine. */
final class SyntheticTrace {
    private SyntheticTrace() {}

    static ModelConfig ropeGqa() { return ModelConfig.llama("synthetic-rope", 16, 40, 2, 4, 2, 32, 64, true); }

    static ModelConfig learned() { return ModelConfig.gpt2("synthetic-gpt2", 16, 64, 2, 4, 32, 64); }

    static ForwardTrace build(ModelConfig c, int T, long seed) {
        int[] tokens = new int[T];
        for (int i = 0; i < T; i++) tokens[i] = (int) ((seed + 7L * i) % c.vocabSize() + c.vocabSize()) % c.vocabSize();
        return build(c, tokens, seed);
    }

    static ForwardTrace build(ModelConfig c, int[] tokens, long seed) {
        Random r = new Random(seed);
        int d = c.dim(), dh = c.headDim(), T = tokens.length;
        Matrix tok = random(r, T, d);
        Matrix pos = c.positions() == PositionScheme.ROPE ? null : random(r, T, d);
        Matrix embedded = pos == null ? tok : plus(tok, pos);
        List<LayerTrace> layers = new ArrayList<>();
        Matrix x = embedded;
        for (int l = 0; l < c.layers(); l++) {
            List<HeadTrace> heads = new ArrayList<>();
            float[] concat = new float[T * d];
            for (int h = 0; h < c.heads(); h++) {
                Matrix q = random(r, T, dh), k = random(r, T, dh), v = random(r, T, dh);
                float scale = (float) (1 / Math.sqrt(dh));
                float[] raw = new float[T * T], w = new float[T * T], out = new float[T * dh];
                for (int i = 0; i < T; i++) {
                    double max = Double.NEGATIVE_INFINITY, sum = 0;
                    for (int j = 0; j < T; j++) {
                        double s = 0;
                        for (int e = 0; e < dh; e++) s += q.get(i, e) * k.get(j, e);
                        raw[i * T + j] = (float) s;
                        if (j <= i) max = Math.max(max, s * scale);
                    }
                    for (int j = 0; j <= i; j++) sum += Math.exp(raw[i * T + j] * scale - max);
                    for (int j = 0; j <= i; j++) w[i * T + j] = (float) (Math.exp(raw[i * T + j] * scale - max) / sum);
                    for (int j = 0; j <= i; j++) for (int e = 0; e < dh; e++) out[i * dh + e] += w[i * T + j] * v.get(j, e);
                }
                for (int i = 0; i < T; i++) System.arraycopy(out, i * dh, concat, i * d + h * dh, dh);
                heads.add(new HeadTrace(h, h / c.groupSize(), random(r, T, dh), random(r, T, dh), q, k, v,
                        new Matrix(T, T, raw), scale, new Matrix(T, T, w), new Matrix(T, dh, out)));
            }
            Matrix attnOut = random(r, T, d), afterAttn = plus(x, attnOut), mlpOut = random(r, T, d);
            LayerTrace lt = new LayerTrace(l, x, random(r, T, d), heads, new Matrix(T, d, concat), attnOut, afterAttn,
                    random(r, T, d), random(r, T, c.hiddenDim()), mlpOut, plus(afterAttn, mlpOut));
            layers.add(lt);
            x = lt.output();
        }
        return new ForwardTrace(c, tokens, tok, pos, embedded, layers, random(r, T, d), random(r, T, c.vocabSize()));
    }

    static List<String> pieces(int T) {
        List<String> p = new ArrayList<>();
        for (int i = 0; i < T; i++) p.add("t" + i);
        return p;
    }

    static FlowInput input(ModelConfig c, int T) {
        return new FlowInput(build(c, T, 42), pieces(T));
    }

    private static Matrix random(Random r, int rows, int cols) {
        float[] d = new float[rows * cols];
        for (int i = 0; i < d.length; i++) d[i] = (float) r.nextGaussian();
        return new Matrix(rows, cols, d);
    }

    private static Matrix plus(Matrix a, Matrix b) {
        float[] d = a.toArray();
        for (int i = 0; i < d.length; i++) d[i] += b.at(i);
        return new Matrix(a.rows(), a.cols(), d);
    }
}
