package glassbox.model.train;

/** AdamW (β1 0.9, β2 0.95), decoupled weight decay applied to matrices only. */
public final class AdamW {
    public static final float BETA1 = 0.9f, BETA2 = 0.95f, EPS = 1e-8f;
    final float[] m, v;
    final float[] decays; // per parameter, as a fraction of the run's weight decay: 1 for matrices, 0 for vectors
    long t;

    public AdamW(ParamLayout layout) { this(layout, 1f); }

    /** {@code positionDecay} scales the decay of the learned position matrix (GPT-2) relative to the other matrices. */
    public AdamW(ParamLayout layout, float positionDecay) {
        m = new float[layout.total()];
        v = new float[layout.total()];
        decays = new float[layout.total()];
        for (var tensor : layout.tensors())
            if (tensor.matrix()) java.util.Arrays.fill(decays, tensor.offset(), tensor.offset() + tensor.size(),
                    tensor.name().equals("position_embd.weight") ? positionDecay : 1f);
    }

    public void update(float[] params, float[] grad, float lr, float weightDecay) {
        t++;
        double c1 = 1 - Math.pow(BETA1, t), c2 = 1 - Math.pow(BETA2, t);
        for (int i = 0; i < params.length; i++) {
            float gi = grad[i];
            m[i] = BETA1 * m[i] + (1 - BETA1) * gi;
            v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi;
            double mh = m[i] / c1, vh = v[i] / c2;
            float p = params[i];
            p -= lr * weightDecay * decays[i] * p;
            params[i] = (float) (p - lr * mh / (Math.sqrt(vh) + EPS));
        }
    }

    /** Scales grad so its L2 norm is at most maxNorm; returns the norm before clipping. */
    public static double clip(float[] grad, double maxNorm) {
        double ss = 0;
        for (float x : grad) ss += (double) x * x;
        double norm = Math.sqrt(ss);
        if (norm > maxNorm) {
            float s = (float) (maxNorm / norm);
            for (int i = 0; i < grad.length; i++) grad[i] *= s;
        }
        return norm;
    }
}
