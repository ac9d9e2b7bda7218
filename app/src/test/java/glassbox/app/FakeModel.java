package glassbox.app;

import glassbox.model.config.ModelConfig;
import glassbox.model.tokenizer.TokenizationSteps;
import glassbox.model.tokenizer.Tokenizer;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.HeadTrace;
import glassbox.model.trace.LayerTrace;
import glassbox.model.trace.Matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny deterministic stand-in model for window tests: one token per character (id = code point mod 250
 * + 3, BOS = 1), q/k/v made from the token ids so the attention changes with the prompt, and real
 * softmax attention under the causal mask. {@code delayMillis} makes each pass slow on purpose.
 */
final class FakeModel implements ModelHandle {
    static final ModelConfig CONFIG = ModelConfig.llama("fake-model", 16, 32, 2, 4, 2, 256, 40, true);
    final AtomicInteger traces = new AtomicInteger();
    private final long delayMillis;
    private final String name;
    volatile boolean closed;

    FakeModel(long delayMillis) { this(delayMillis, "fake-model"); }

    FakeModel(long delayMillis, String name) { this.delayMillis = delayMillis; this.name = name; }

    @Override public ModelConfig config() { return CONFIG; }

    @Override public String displayName() { return name; }

    @Override public long parameterCount() { return 12_345; }

    @Override public void close() { closed = true; }

    static int idOf(int codePoint) { return codePoint % 250 + 3; }

    /** What the pipeline should feed for a prompt: BOS then one id per code point. */
    static int[] fed(String text) {
        return text.codePoints().map(FakeModel::idOf).collect(() -> new java.util.ArrayList<Integer>(List.of(1)), List::add, List::addAll)
                .stream().mapToInt(Integer::intValue).toArray();
    }

    @Override public Tokenizer tokenizer() { return TOKENIZER; }

    @Override public ForwardTrace trace(int[] tokens) {
        if (closed) throw new IllegalStateException("used after close");
        traces.incrementAndGet();
        if (delayMillis > 0) try { Thread.sleep(delayMillis); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        return build(tokens);
    }

    static ForwardTrace build(int[] tokens) {
        ModelConfig c = CONFIG;
        int t = tokens.length, d = c.dim(), dh = c.headDim();
        List<LayerTrace> layers = new ArrayList<>();
        Matrix x = fill(t, d, (i, e) -> (float) Math.sin(tokens[i] * 0.37 + e));
        for (int l = 0; l < c.layers(); l++) {
            List<HeadTrace> heads = new ArrayList<>();
            for (int h = 0; h < c.heads(); h++) {
                final int L = l, H = h;
                Matrix q = fill(t, dh, (i, e) -> (float) Math.sin(tokens[i] * 0.71 + e * 1.3 + L + H));
                Matrix k = fill(t, dh, (j, e) -> (float) Math.cos(tokens[j] * 0.53 + e * 0.9 + 2 * L + H));
                Matrix v = fill(t, dh, (j, e) -> (float) Math.sin(tokens[j] * 0.11 * (e + 1)));
                float scale = (float) (1 / Math.sqrt(dh));
                Matrix raw = fill(t, t, (i, j) -> { float s = 0; for (int e = 0; e < dh; e++) s += q.get(i, e) * k.get(j, e); return s; });
                float[] w = new float[t * t];
                for (int i = 0; i < t; i++) {
                    double max = Double.NEGATIVE_INFINITY, sum = 0;
                    for (int j = 0; j <= i; j++) max = Math.max(max, raw.get(i, j) * scale);
                    for (int j = 0; j <= i; j++) sum += Math.exp(raw.get(i, j) * scale - max);
                    for (int j = 0; j <= i; j++) w[i * t + j] = (float) (Math.exp(raw.get(i, j) * scale - max) / sum);
                }
                heads.add(new HeadTrace(h, h / c.groupSize(), q, k, q, k, v, raw, scale, new Matrix(t, t, w), fill(t, dh, (i, e) -> 0)));
            }
            layers.add(new LayerTrace(l, x, x, heads, x, x, x, x, fill(t, c.hiddenDim(), (i, e) -> 0), x, x));
        }
        return new ForwardTrace(c, tokens, x, null, x, layers, x, fill(t, c.vocabSize(), (i, e) -> (float) Math.cos(i + e)));
    }

    private interface Cell { float at(int r, int c); }

    private static Matrix fill(int rows, int cols, Cell f) {
        float[] d = new float[rows * cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) d[r * cols + c] = f.at(r, c);
        return new Matrix(rows, cols, d);
    }

    static final Tokenizer TOKENIZER = new Tokenizer() {
        @Override public TokenizationSteps encodeWithSteps(String text) {
            List<String> cps = text.codePoints().mapToObj(Character::toString).toList();
            int[] ids = text.codePoints().map(FakeModel::idOf).toArray();
            return new TokenizationSteps(text, List.of(text), cps, List.of(), ids, cps);
        }
        @Override public String decode(int previousId, int id) { return piece(id); }
        @Override public String decode(int[] ids) { StringBuilder sb = new StringBuilder(); for (int id : ids) sb.append(piece(id)); return sb.toString(); }
        @Override public String piece(int id) { return id == 1 ? "<s>" : id == 2 ? "</s>" : Character.toString(id - 3); }
        @Override public int vocabSize() { return 256; }
        @Override public int bos() { return 1; }
        @Override public int eos() { return 2; }
        @Override public String kind() { return "fake characters"; }
    };
}
