package glassbox.model.train;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole model's backward pass against central finite differences, for both families. */
class ModelGradientTest {

    static void check(ModelShape shape, long seed) {
        var m = new TinyTransformer(shape);
        m.initialise(seed);
        var rnd = new Random(seed);
        // larger weights than the 0.02 init so every path (norm gains, biases) carries signal
        for (int i = 0; i < m.params.length; i++) m.params[i] += (float) (rnd.nextGaussian() * 0.3);
        int T = shape.context();
        int[] tokens = new int[T + 1];
        for (int i = 0; i < tokens.length; i++) tokens[i] = rnd.nextInt(shape.vocab());
        var ws = m.workspace();
        m.step(ws, tokens, 0, T, 1f);
        float[] grad = ws.grad.clone();
        double worst = 0;
        int checked = 0;
        for (var t : m.layout.tensors()) {
            for (int k = 0; k < 3; k++) {
                int i = t.offset() + rnd.nextInt(t.size());
                float keep = m.params[i];
                float h = 1e-2f;
                m.params[i] = keep + h;
                double up = m.step(ws, tokens, 0, T, 0f);
                m.params[i] = keep - h;
                double down = m.step(ws, tokens, 0, T, 0f);
                m.params[i] = keep;
                double numeric = (up - down) / (2 * h);
                double err = Math.abs(numeric - grad[i]) / Math.max(1e-2, Math.abs(numeric) + Math.abs(grad[i]));
                assertTrue(err < 2e-2, t.name() + "[" + (i - t.offset()) + "]: analytic " + grad[i] + " vs numeric " + numeric);
                worst = Math.max(worst, err);
                checked++;
            }
        }
        assertTrue(checked > 0);
    }

    @Test void gpt2GradientsMatchFiniteDifferences() {
        check(new ModelShape(Arch.GPT2, 11, 8, 2, 2, 2, 12, 5), 3);
    }

    @Test void llamaGradientsMatchFiniteDifferences() {
        check(new ModelShape(Arch.LLAMA, 11, 8, 2, 4, 2, 12, 5), 4);
    }
}
