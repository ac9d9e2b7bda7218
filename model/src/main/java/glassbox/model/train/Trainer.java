package glassbox.model.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The training loop: random windows, forward+backward on each thread's share of the batch, summed
 * gradients, clipping at 1.0, AdamW with warm-up and cosine decay, periodic validation, checkpoints
 * and a GGUF export at every checkpoint (so a cut-short run still leaves a usable model).
 */
public final class Trainer {
    public static final float WEIGHT_DECAY = 0.1f, CLIP = 1.0f, MIN_LR_FRACTION = 0.1f;
    public static final int WARMUP = 100, VALID_WINDOWS = 16, CHECKPOINT_SECONDS = 180;

    /** What a finished run reports. */
    public record Result(TinyTransformer model, TrainedBpe bpe, int steps, double seconds, double trainLoss, double validLoss) {}

    private Trainer() {}

    public static Result run(TrainOptions o, PrintStream log) throws Exception {
        Corpus corpus = Corpus.load(o.data());
        TinyTransformer model;
        TrainedBpe bpe;
        AdamW adam;
        int step = 0;
        double before = 0;
        if (o.resume() && o.checkpoint() != null && Files.exists(o.checkpoint())) {
            Checkpoint c = Checkpoint.load(o.checkpoint());
            model = new TinyTransformer(c.shape(), c.params());
            bpe = c.bpe();
            adam = new AdamW(model.layout, (float) (o.positionDecay() / WEIGHT_DECAY));
            System.arraycopy(c.m(), 0, adam.m, 0, c.m().length);
            System.arraycopy(c.v(), 0, adam.v, 0, c.v().length);
            adam.t = c.adamStep();
            step = c.step();
            before = c.seconds();
            log.printf("resumed %s at step %d (%.0f s)%n", o.checkpoint(), step, before);
            if (o.log() != null && Files.exists(o.log())) { // drop what was logged after the checkpoint: it is redone
                final int at = step;
                var keep = Files.readAllLines(o.log()).stream()
                        .filter(l -> l.startsWith("step") || Integer.parseInt(l.split(",")[0]) <= at).toList();
                Files.write(o.log(), keep);
            }
        } else {
            long t0 = System.nanoTime();
            bpe = BpeTrainer.train(corpus.trainText(), o.vocab());
            log.printf("BPE: %d merges learned in %.1f s%n", bpe.mergeCount(), (System.nanoTime() - t0) / 1e9);
            var shape = new ModelShape(o.arch(), bpe.vocabSize(), o.dim(), o.layers(), o.heads(), o.kvHeads(), o.ffn(), o.context());
            model = new TinyTransformer(shape);
            model.initialise(o.seed(), o.positionInit());
            adam = new AdamW(model.layout, (float) (o.positionDecay() / WEIGHT_DECAY));
        }
        ModelShape s = model.shape;
        int[] train = Corpus.tokens(bpe, corpus.trainParts()), valid = Corpus.tokens(bpe, corpus.validParts());
        int T = s.context();
        if (train.length < T + 2) throw new IllegalArgumentException("training text is shorter than one window of " + T + " tokens");
        log.printf(Locale.ROOT, "%s: %,d parameters; %,d train tokens (%.2f bytes/token), %,d held-out tokens%n", s, model.parameterCount(),
                train.length, Corpus.bytes(corpus.trainParts()) / (double) train.length, valid.length);
        if (o.log() != null && (!o.resume() || !Files.exists(o.log())))
            Files.writeString(o.log(), "step,seconds,tokens,lr,train_loss,val_loss\n");

        int threads = Math.max(1, Math.min(o.threads(), o.batch()));
        List<Workspace> ws = new ArrayList<>();
        for (int i = 0; i < threads; i++) ws.add(model.workspace());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> { var t = new Thread(r, "train"); t.setDaemon(true); return t; });
        long start = System.nanoTime();
        double lastCheckpoint = 0, runLoss = 0, trainLoss = Double.NaN, validLoss = Double.NaN;
        int runCount = 0;
        try {
            while (true) {
                double secs = before + (System.nanoTime() - start) / 1e9;
                double progress = o.steps() > 0 ? step / (double) o.steps() : 0;
                if (o.minutes() > 0) progress = Math.max(progress, secs / (o.minutes() * 60));
                if (progress >= 1) break;
                double lr = step < WARMUP ? o.lr() * (step + 1) / WARMUP
                        : o.lr() * (MIN_LR_FRACTION + (1 - MIN_LR_FRACTION) * 0.5 * (1 + Math.cos(Math.PI * progress)));
                int[] starts = new int[o.batch()];
                var rnd = new SplittableRandom(o.seed() * 1_000_003L + step);
                for (int b = 0; b < starts.length; b++) starts[b] = rnd.nextInt(train.length - T - 1);
                float scale = 1f / (o.batch() * T);
                List<Future<Double>> parts = new ArrayList<>();
                for (int th = 0; th < threads; th++) {
                    final int me = th;
                    parts.add(pool.submit(() -> {
                        Workspace w = ws.get(me);
                        java.util.Arrays.fill(w.grad, 0f);
                        double sum = 0;
                        for (int b = me; b < starts.length; b += threads) sum += model.step(w, train, starts[b], T, scale);
                        return sum;
                    }));
                }
                double loss = 0;
                for (var f : parts) loss += f.get();
                float[] grad = ws.get(0).grad;
                for (int th = 1; th < threads; th++) Simd.axpy(1f, ws.get(th).grad, 0, grad, 0, grad.length);
                AdamW.clip(grad, CLIP);
                adam.update(model.params, grad, (float) lr, WEIGHT_DECAY);
                step++;
                runLoss += loss / (o.batch() * T);
                runCount++;
                if (!Double.isFinite(loss)) throw new IllegalStateException("loss diverged at step " + step);
                secs = before + (System.nanoTime() - start) / 1e9;
                if (step % o.evalEvery() == 0 || step == 1) {
                    trainLoss = runLoss / runCount;
                    runLoss = 0; runCount = 0;
                    validLoss = validLoss(model, ws.get(0), valid);
                    String line = String.format(Locale.ROOT, "%d,%.1f,%d,%.6f,%.4f,%.4f", step, secs, (long) step * o.batch() * T, lr, trainLoss, validLoss);
                    log.println(line);
                    if (o.log() != null) Files.writeString(o.log(), line + "\n", StandardOpenOption.APPEND);
                }
                if (secs - lastCheckpoint >= CHECKPOINT_SECONDS) {
                    save(o, model, bpe, adam, step, secs);
                    lastCheckpoint = secs;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double secs = before + (System.nanoTime() - start) / 1e9;
        if (runCount > 0) trainLoss = runLoss / runCount;
        validLoss = validLoss(model, ws.get(0), valid);
        String line = String.format(Locale.ROOT, "%d,%.1f,%d,%.6f,%.4f,%.4f", step, secs, (long) step * o.batch() * T, 0.0, trainLoss, validLoss);
        log.println("final " + line);
        if (o.log() != null) Files.writeString(o.log(), line + "\n", StandardOpenOption.APPEND);
        save(o, model, bpe, adam, step, secs);
        return new Result(model, bpe, step, secs, trainLoss, validLoss);
    }

    private static void save(TrainOptions o, TinyTransformer model, TrainedBpe bpe, AdamW adam, int step, double secs) throws IOException {
        if (o.checkpoint() != null)
            new Checkpoint(model.shape, bpe, model.params, adam.m, adam.v, adam.t, step, secs).save(o.checkpoint());
        if (o.out() != null) GgufExport.write(o.out(), model.shape, model.params, bpe, o.name());
    }

    /** Mean loss (nats/token) over up to VALID_WINDOWS evenly spaced windows of the held-out tokens. */
    static double validLoss(TinyTransformer model, Workspace w, int[] valid) {
        int T = model.shape.context();
        if (valid.length < 2) return Double.NaN;
        int len = Math.min(T, valid.length - 1);
        int n = Math.max(1, Math.min(VALID_WINDOWS, (valid.length - 1) / len));
        double loss = 0;
        for (int i = 0; i < n; i++) {
            int from = (int) ((long) i * (valid.length - 1 - len) / Math.max(1, n - 1));
            if (n == 1) from = 0;
            loss += model.step(w, valid, from, len, 0f);
        }
        return loss / (n * (double) len);
    }
}
