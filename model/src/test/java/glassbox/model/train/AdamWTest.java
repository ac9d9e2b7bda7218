package glassbox.model.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Decoupled weight decay by hand: p ← p − lr·λ·p (then the Adam step, zero here since the gradient is zero). */
class AdamWTest {
    @Test void positionDecayScalesOnlyThePositionMatrix() {
        var layout = ParamLayout.of(new ModelShape(Arch.GPT2, 8, 4, 1, 2, 2, 16, 6));
        float[] params = new float[layout.total()], grad = new float[layout.total()];
        java.util.Arrays.fill(params, 1f);
        new AdamW(layout, 0f).update(params, grad, 0.5f, 0.1f);
        assertEquals(1f, params[layout.off("position_embd.weight") + 3], 0f, "no decay on positions");
        assertEquals(1f - 0.05f, params[layout.off("token_embd.weight") + 3], 1e-7f, "token matrix decays by lr·λ");
        assertEquals(1f, params[layout.off("output_norm.weight")], 0f, "vectors never decay");

        java.util.Arrays.fill(params, 1f);
        new AdamW(layout, 2f).update(params, grad, 0.5f, 0.1f);
        assertEquals(1f - 0.1f, params[layout.off("position_embd.weight") + 3], 1e-7f, "twice the decay");
    }
}
