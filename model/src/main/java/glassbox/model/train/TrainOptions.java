package glassbox.model.train;

import java.nio.file.Path;

/** Everything a training run is told; {@code minutes > 0} ends the run on time (the schedule stretches to fit). */
public record TrainOptions(Path data, Arch arch, Path out, int dim, int layers, int heads, int kvHeads, int ffn,
                           int context, int vocab, int steps, int batch, double lr, int threads, long seed,
                           Path checkpoint, boolean resume, Path log, double minutes, int evalEvery, String name,
                           double positionInit, double positionDecay) {

    /** GPT-2's default: sinusoids with per-element rms 0.02, as the other weights. */
    public static final double DEFAULT_POSITION_INIT = 0.02;

    public ModelShape shape() { return new ModelShape(arch, vocab, dim, layers, heads, kvHeads, ffn, context); }

    /** Llama's FFN default: 8/3·dim rounded up to a multiple of 32; GPT-2's is 4·dim. */
    public static int defaultFfn(Arch arch, int dim) {
        return arch == Arch.GPT2 ? 4 * dim : (8 * dim / 3 + 31) / 32 * 32;
    }
}
