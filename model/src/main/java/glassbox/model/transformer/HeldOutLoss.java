package glassbox.model.transformer;

import glassbox.model.tokenizer.Tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * Cross-entropy of any loaded model on a text, in bits per byte (comparable across tokenizers): the text
 * is encoded, preceded by BOS where the tokenizer has one, and scored in consecutive windows of the
 * context length, each predicting its tokens from the window so far.
 */
public final class HeldOutLoss {
    /** @param scoredTokens the tokens predicted; {@code bytes} the text's UTF-8 length */
    public record Result(double bitsPerByte, double natsPerToken, long scoredTokens, long bytes) {}

    private HeldOutLoss() {}

    public static Result measure(Transformer model, Tokenizer tokenizer, String text) {
        int[] ids = tokenizer.encode(text);
        long bytes = text.getBytes(StandardCharsets.UTF_8).length;
        int bos = tokenizer.bos();
        int[] tokens = bos >= 0 ? Tokenizer.concat(bos, ids) : ids;
        if (tokens.length < 2) throw new IllegalArgumentException("the text is too short to score (" + ids.length + " tokens)");
        int T = model.config().contextLength(), vocab = model.config().vocabSize();
        double nats = 0;
        for (int from = 0; from < tokens.length - 1; ) {
            int len = Math.min(T, tokens.length - 1 - from);
            float[] logits = model.allLogits(java.util.Arrays.copyOfRange(tokens, from, from + len));
            for (int t = 0; t < len; t++) nats -= logProbability(logits, t * vocab, vocab, tokens[from + t + 1]);
            from += len;
        }
        long scored = tokens.length - 1;
        return new Result(nats / Math.log(2) / bytes, nats / scored, scored, bytes);
    }

    /** log softmax(row)[target], computed stably in double. */
    static double logProbability(float[] logits, int off, int n, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, logits[off + i]);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.exp(logits[off + i] - max);
        return logits[off + target] - max - Math.log(sum);
    }
}
