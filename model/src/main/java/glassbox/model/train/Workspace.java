package glassbox.model.train;

/** One thread's activations (kept for backward), scratch gradients, and its own parameter gradient. */
final class Workspace {
    final int T;
    final float[][] res, resMid, ln1, ln1m, ln1r, ln2, ln2m, ln2r, att, atty;
    final float[][] qkv, fc, act;          // gpt2: fused qkv, ffn pre-activation, gelu output
    final float[][] q, k, v, gate, up;      // llama (act = silu(gate)·up)
    final float[] lnf, lnfm, lnfr, logits;
    final float[] dres, dtmp, dtmp2, datty, dbig, dbig2, dbig3, dq, dk, dv, dAtt;
    final float[] grad;

    Workspace(ModelShape s, int paramCount) {
        int T = s.context(), d = s.dim(), L = s.layers(), F = s.ffn(), H = s.heads(), kv = s.kvDim();
        this.T = T;
        boolean gpt2 = s.arch() == Arch.GPT2;
        res = new float[L + 1][T * d];
        resMid = new float[L][T * d];
        ln1 = new float[L][T * d]; ln1m = new float[L][T]; ln1r = new float[L][T];
        ln2 = new float[L][T * d]; ln2m = new float[L][T]; ln2r = new float[L][T];
        att = new float[L][H * T * T];
        atty = new float[L][T * d];
        qkv = gpt2 ? new float[L][T * 3 * d] : null;
        fc = gpt2 ? new float[L][T * F] : null;
        act = new float[L][T * F];
        q = gpt2 ? null : new float[L][T * d];
        k = gpt2 ? null : new float[L][T * kv];
        v = gpt2 ? null : new float[L][T * kv];
        gate = gpt2 ? null : new float[L][T * F];
        up = gpt2 ? null : new float[L][T * F];
        lnf = new float[T * d]; lnfm = new float[T]; lnfr = new float[T];
        logits = new float[T * s.vocab()];
        dres = new float[T * d]; dtmp = new float[T * d]; dtmp2 = new float[T * d]; datty = new float[T * d];
        dbig = new float[T * Math.max(F, 3 * d)]; dbig2 = new float[T * F]; dbig3 = new float[T * F];
        dq = new float[T * d]; dk = new float[T * kv]; dv = new float[T * kv];
        dAtt = new float[T];
        grad = new float[paramCount];
    }
}
