package glassbox.model.train;

import java.nio.charset.StandardCharsets;

/**
 * Measurements of a trained model with the trainer's own forward pass: held-out bits per byte,
 * the mean attention each head puts on the previous token, and greedy continuation.
 */
public final class Evaluator {
    private Evaluator() {}

    /** Cross-entropy of a text: total bits over its UTF-8 bytes; the text is preceded by end-of-text as BOS. */
    public record BitsPerByte(double bitsPerByte, long tokens, long bytes, double natsPerToken) {}

    public static BitsPerByte bitsPerByte(TinyTransformer model, TrainedBpe bpe, String text) {
        int[] ids = bpe.encode(text);
        long bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (ids.length == 0) throw new IllegalArgumentException("the text is empty");
        int[] tokens = new int[ids.length + 1];
        tokens[0] = bpe.endOfText();
        System.arraycopy(ids, 0, tokens, 1, ids.length);
        var ws = model.workspace();
        int T = model.shape.context();
        double nats = 0;
        // consecutive windows; each predicts its tokens from the window so far
        for (int from = 0; from < tokens.length - 1; ) {
            int len = Math.min(T, tokens.length - 1 - from);
            nats += model.step(ws, tokens, from, len, 0f);
            from += len;
        }
        return new BitsPerByte(nats / Math.log(2) / bytes, ids.length, bytes, nats / ids.length);
    }

    /**
     * Mean attention weight each head puts on position i−1 (over i ≥ 1), averaged over consecutive
     * windows of the text: [layer][head].
     */
    public static double[][] previousTokenAttention(TinyTransformer model, TrainedBpe bpe, String text, int maxWindows) {
        int[] ids = bpe.encode(text);
        var s = model.shape;
        int T = s.context(), H = s.heads();
        double[][] sum = new double[s.layers()][H];
        long count = 0;
        var ws = model.workspace();
        int[] tokens = new int[ids.length + 1];
        System.arraycopy(ids, 0, tokens, 0, ids.length);
        for (int w = 0, from = 0; w < maxWindows && from + 2 < ids.length; w++, from += T) {
            int len = Math.min(T, ids.length - from);
            model.forward(ws, tokens, from, len);
            for (int l = 0; l < s.layers(); l++)
                for (int h = 0; h < H; h++) {
                    float[] att = ws.att[l];
                    for (int t = 1; t < len; t++) sum[l][h] += att[(h * T + t) * T + t - 1];
                }
            count += len - 1;
        }
        if (count == 0) throw new IllegalArgumentException("the text is too short to measure attention");
        for (double[] row : sum) for (int h = 0; h < H; h++) row[h] /= count;
        return sum;
    }

    /** Greedy continuation: the prompt (after end-of-text as BOS), extended by the most likely token each step. */
    public static String greedy(TinyTransformer model, TrainedBpe bpe, String prompt, int newTokens) {
        int[] ids = bpe.encode(prompt);
        int T = model.shape.context(), V = model.shape.vocab();
        int[] seq = new int[ids.length + 1 + newTokens + 1];
        seq[0] = bpe.endOfText();
        System.arraycopy(ids, 0, seq, 1, ids.length);
        int n = ids.length + 1;
        var ws = model.workspace();
        for (int k = 0; k < newTokens; k++) {
            int from = Math.max(0, n - T), len = n - from;
            model.forward(ws, seq, from, len);
            int best = 0, r = (len - 1) * V;
            for (int i = 1; i < V; i++) if (ws.logits[r + i] > ws.logits[r + best]) best = i;
            if (best == bpe.endOfText()) break;
            seq[n++] = best;
        }
        return bpe.decode(java.util.Arrays.copyOfRange(seq, 1, n));
    }
}
