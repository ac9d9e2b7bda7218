package glassbox.model.transformer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SamplerTest {
    private static final float[] LOGITS = {2f, 1f, 0.5f, -1f, 3f, 0f};

    private static double sum(float[] p) { double s = 0; for (float v : p) s += v; return s; }

    @Test void distributionsSumToOne() {
        for (float temp : new float[]{0f, 0.5f, 1f, 2f}) {
            for (int k : new int[]{0, 1, 3, 6}) {
                for (float p : new float[]{0f, 0.3f, 0.9f, 1f}) {
                    assertEquals(1.0, sum(Sampler.distribution(LOGITS, temp, k, p)), 1e-5, "t=" + temp + " k=" + k + " p=" + p);
                }
            }
        }
    }

    @Test void controlsCutTheTail() {
        float[] top2 = Sampler.distribution(LOGITS, 1f, 2, 1f);
        assertEquals(0f, top2[1]);
        double e = Math.exp(1);      // logits 3 and 2 remain
        assertEquals(e / (1 + e), top2[4], 1e-6);
        assertEquals(1 / (1 + e), top2[0], 1e-6);
        float[] nucleus = Sampler.distribution(LOGITS, 1f, 0, 0.5f);   // the top token alone has > 0.5 of the mass
        assertEquals(1f, nucleus[4]);
        float[] greedy = Sampler.distribution(LOGITS, 0f, 0, 1f);
        assertEquals(1f, greedy[4]);
    }

    @Test void greedyIsArgmax() {
        assertEquals(4, new Sampler(0f, 0, 1f, 7).sample(LOGITS));
        assertEquals(4, Sampler.argmax(LOGITS));
    }

    @Test void seededRunsRepeatAndFollowTheDistribution() {
        var a = new Sampler(1f, 0, 1f, 99);
        var b = new Sampler(1f, 0, 1f, 99);
        int[] counts = new int[LOGITS.length];
        int n = 20000;
        for (int i = 0; i < n; i++) {
            int x = a.sample(LOGITS);
            assertEquals(x, b.sample(LOGITS));
            counts[x]++;
        }
        float[] p = AttentionMath.softmax(LOGITS);
        for (int i = 0; i < p.length; i++) assertEquals(p[i], counts[i] / (double) n, 0.02, "token " + i);
        var topK = new Sampler(1f, 2, 1f, 3);
        for (int i = 0; i < 1000; i++) { int x = topK.sample(LOGITS); assertTrue(x == 4 || x == 0); }
    }
}
