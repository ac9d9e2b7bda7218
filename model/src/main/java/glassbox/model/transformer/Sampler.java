package glassbox.model.transformer;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Picks the next token from logits: greedy, or temperature with top-k and top-p (nucleus) cut-offs, seeded. */
public final class Sampler {
    private final float temperature, topP;
    private final int topK;
    private final SplittableRandom random;

    /** @param temperature 0 = greedy; topK ≤ 0 = off; topP ≥ 1 or ≤ 0 = off */
    public Sampler(float temperature, int topK, float topP, long seed) {
        if (!(temperature >= 0) || Float.isInfinite(temperature)) throw new IllegalArgumentException("temperature must be ≥ 0, got " + temperature);
        if (Float.isNaN(topP)) throw new IllegalArgumentException("top-p is not a number");
        this.temperature = temperature;
        this.topK = topK;
        this.topP = topP;
        this.random = new SplittableRandom(seed);
    }

    public int sample(float[] logits) {
        if (temperature == 0f) return argmax(logits);
        float[] p = distribution(logits, temperature, topK, topP);
        double r = random.nextDouble();
        double cdf = 0;
        int last = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] <= 0) continue;
            cdf += p[i];
            last = i;
            if (r < cdf) return i;
        }
        return last;   // rounding left r just above the total
    }

    /** Index of the largest value (the first on ties). */
    public static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
        return best;
    }

    /** Probabilities after the controls (temperature 0: all mass on the argmax); sums to 1. */
    public static float[] distribution(float[] logits, float temperature, int topK, float topP) {
        int n = logits.length;
        float[] p = new float[n];
        if (n == 0) return p;
        if (temperature <= 0f) { p[argmax(logits)] = 1f; return p; }
        for (int i = 0; i < n; i++) p[i] = logits[i] / temperature;
        AttentionMath.softmaxInPlace(p, 0, n);
        boolean useK = topK > 0 && topK < n, useP = topP > 0f && topP < 1f;
        if (!useK && !useP) return p;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
        int keep = useK ? topK : n;
        if (useP) {
            double cum = 0;
            for (int i = 0; i < keep; i++) {
                cum += p[order[i]];
                if (cum > topP) { keep = i + 1; break; }
            }
        }
        float[] out = new float[n];
        double sum = 0;
        for (int i = 0; i < keep; i++) sum += p[order[i]];
        for (int i = 0; i < keep; i++) out[order[i]] = (float) (p[order[i]] / sum);
        return out;
    }
}
