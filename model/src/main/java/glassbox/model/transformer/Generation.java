package glassbox.model.transformer;

import java.util.Arrays;
import java.util.function.IntConsumer;

/** The generation loop: prefill the prompt, then sample one token at a time until a stop condition. */
public final class Generation {
    private Generation() {}

    /** Why generation ended. */
    public enum Stop { MAX_TOKENS, EOS, BOS, CONTEXT_FULL }

    /** @param ids the whole sequence: prompt then generated tokens (a stopping EOS/BOS is not included) */
    public record Result(int[] promptIds, int[] ids, Stop stop) {
        public Result { promptIds = promptIds.clone(); ids = ids.clone(); }
        @Override public int[] promptIds() { return promptIds.clone(); }
        @Override public int[] ids() { return ids.clone(); }
        public int generated() { return ids.length - promptIds.length; }
    }

    /**
     * Generates up to maxNewTokens after the prompt; stops early at EOS or (llama2.c convention) when BOS is
     * sampled, or when the context is full. onToken sees each kept token as it is produced.
     */
    public static Result run(Transformer model, int[] prompt, int maxNewTokens, Sampler sampler, int bos, int eos,
                             IntConsumer onToken) {
        if (prompt.length == 0) throw new IllegalArgumentException("empty prompt: start with at least BOS");
        int context = model.config().contextLength();
        var session = model.newSession();
        int[] out = Arrays.copyOf(prompt, prompt.length + Math.max(0, maxNewTokens));
        int n = prompt.length;
        float[] logits = session.prefill(prompt);
        Stop stop = Stop.MAX_TOKENS;
        while (n - prompt.length < maxNewTokens) {
            int next = sampler.sample(logits);
            if (next == eos && eos >= 0) { stop = Stop.EOS; break; }
            if (next == bos && bos >= 0) { stop = Stop.BOS; break; }
            out[n++] = next;
            if (onToken != null) onToken.accept(next);
            if (n - prompt.length >= maxNewTokens) break;
            if (session.position() >= context) { stop = Stop.CONTEXT_FULL; break; }
            logits = session.step(next);
        }
        return new Result(prompt, Arrays.copyOf(out, n), stop);
    }
}
