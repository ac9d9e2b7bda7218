package glassbox.model.train;

/** SwiGLU gate (Llama): h = silu(gate)·up, elementwise. */
final class SwiGluLayer {
    private SwiGluLayer() {}

    static void forward(float[] h, float[] gate, float[] up, int n) {
        for (int i = 0; i < n; i++) {
            float gv = gate[i];
            h[i] = gv / (1f + (float) Math.exp(-gv)) * up[i];
        }
    }

    /** dGate and dUp are overwritten. */
    static void backward(float[] dGate, float[] dUp, float[] dh, float[] gate, float[] up, int n) {
        for (int i = 0; i < n; i++) {
            float gv = gate[i], sig = 1f / (1f + (float) Math.exp(-gv)), silu = gv * sig;
            dUp[i] = dh[i] * silu;
            dGate[i] = dh[i] * up[i] * sig * (1f + gv * (1f - sig));
        }
    }
}
