package glassbox.app.flow;

import glassbox.model.config.ModelConfig;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.Matrix;
import glassbox.model.transformer.Ablation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** A stand-in model for pane plumbing tests: synthetic traces, a decoder that caches one random row per step. */
final class FakeFlowModel implements FlowModel {
    private final ModelConfig config;

    FakeFlowModel(ModelConfig config) { this.config = config; }

    @Override public ModelConfig config() { return config; }
    @Override public String piece(int id) { return id >= 32 && id < 127 ? String.valueOf((char) id) : "<" + id + ">"; }
    @Override public String decode(int previous, int id) { return piece(id); }
    @Override public int eos() { return -1; }

    @Override public int[] encodePrompt(String text) {
        int[] ids = new int[text.length() + 1];
        ids[0] = 1;
        for (int i = 0; i < text.length(); i++) ids[i + 1] = text.charAt(i) % config.vocabSize();
        return ids;
    }

    @Override public ForwardTrace trace(int[] tokens, Ablation ablation) {
        return SyntheticTrace.build(config, tokens, Arrays.hashCode(tokens) + ablation.off().size());
    }

    @Override public float[] logitLens(float[] residual) {
        float[] out = new float[config.vocabSize()];
        for (int i = 0; i < out.length; i++) out[i] = residual[i % residual.length];
        return out;
    }

    @Override public Decoder newDecoder() {
        return new Decoder() {
            final List<float[]> rows = new ArrayList<>();
            final Random r = new Random(1);

            @Override public float[] step(int token) {
                float[] row = new float[config.kvDim()];
                for (int i = 0; i < row.length; i++) row[i] = (float) r.nextGaussian();
                rows.add(row);
                float[] logits = new float[config.vocabSize()];
                for (int i = 0; i < logits.length; i++) logits[i] = (float) r.nextGaussian();
                return logits;
            }
            @Override public int position() { return rows.size(); }
            @Override public int layers() { return config.layers(); }
            @Override public Matrix keys(int layer) { return Matrix.ofRows(rows.toArray(float[][]::new)); }
            @Override public Matrix values(int layer) { return Matrix.ofRows(rows.toArray(float[][]::new)); }
            @Override public long bytes() { return 2L * config.layers() * rows.size() * config.kvDim() * Float.BYTES; }
        };
    }

    FlowInput input(String prompt) {
        int[] ids = encodePrompt(prompt);
        List<String> pieces = Arrays.stream(ids).mapToObj(this::piece).toList();
        return new FlowInput(trace(ids, Ablation.NONE), pieces, this);
    }
}
