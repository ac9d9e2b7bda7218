package glassbox.model.train;

/** AdamW (β1 0.9, β2 0.95), decoupled weight decay applied to matrices only. */
public final class AdamW {
    public static final float BETA1 = 0.9f, BETA2 = 0.95f, EPS = 1e-8f;
    final float[] m, v;
    final boolean[] decays;
    long t;

    public AdamW(ParamLayout layout) {
        m = new float[layout.total()];
        v = new float[layout.total()];
        decays = new boolean[layout.total()];
        for (var tensor : layout.tensors())
            if (tensor.matrix()) java.util.Arrays.fill(decays, tensor.offset(), tensor.offset() + tensor.size(), true);
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
            if (decays[i]) p -= lr * weightDecay * p;
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
