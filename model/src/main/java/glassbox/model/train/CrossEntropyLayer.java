package glassbox.model.train;

/** Softmax cross-entropy over logits rows; backward writes (p − onehot)·scale into the logits buffer. */
final class CrossEntropyLayer {
    private CrossEntropyLayer() {}

    /** Returns the summed loss in nats; if scale != 0, logits are replaced by their gradient. */
    static double forwardBackward(float[] logits, int[] targets, int tOff, int T, int V, float scale) {
        double loss = 0;
        for (int t = 0; t < T; t++) {
            int r = t * V;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < V; i++) max = Math.max(max, logits[r + i]);
            double sum = 0;
            for (int i = 0; i < V; i++) sum += Math.exp(logits[r + i] - max);
            int y = targets[tOff + t];
            loss += Math.log(sum) - (logits[r + y] - max);
            if (scale != 0f) {
                float inv = (float) (1.0 / sum);
                for (int i = 0; i < V; i++) logits[r + i] = (float) Math.exp(logits[r + i] - max) * inv * scale;
                logits[r + y] -= scale;
            }
        }
        return loss;
    }
}
