package glassbox.model.cli;

import glassbox.model.train.Arch;
import glassbox.model.train.TrainOptions;
import glassbox.model.train.Trainer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** {@code glassbox train}: BPE tokenizer + transformer trained from a folder of .txt, written as GGUF. */
public final class TrainCommand implements Command {
    @Override public String name() { return "train"; }

    @Override public String summary() { return "train a tokenizer and a small GPT-2 or Llama model on a folder of .txt, write GGUF"; }

    @Override public String usage() {
        return """
                usage: glassbox train --data DIR --arch gpt2|llama --out FILE.gguf [flags]
                  --data DIR        folder of .txt files; the last 5% of each file is held out for validation
                  --arch A          gpt2 (learned positions, LayerNorm, GELU, fused QKV, biases)
                                    or llama (RoPE, RMSNorm, SwiGLU, grouped-query attention)
                  --out FILE        GGUF written at every checkpoint and at the end
                  --dim N           model width (default 128)      --layers N   blocks (default 4)
                  --heads N         query heads (default 4)        --kv-heads N key/value heads (llama; default heads/2)
                  --ffn N           MLP width (default 4·dim for gpt2, 8/3·dim rounded to 32 for llama)
                  --context N       window length in tokens (default 256)
                  --vocab N         vocabulary size incl. <|endoftext|> (default 2048)
                  --steps N         optimizer steps (default 2000, or unbounded with --minutes)
                  --minutes M       stop after M minutes; the schedule fits whichever of steps and minutes ends first
                  --batch N         windows per step (default 4)   --lr X       peak learning rate (default 0.002)
                  --threads N       worker threads (default: available cores)  --seed S (default 1)
                  --checkpoint FILE resumable state, saved every 3 minutes   --resume  continue from --checkpoint
                  --log FILE.csv    step,seconds,tokens,lr,train_loss,val_loss (losses in nats/token)
                  --eval-every N    validate every N steps (default 50)   --name S  general.name
                  --position-init X rms of the sinusoids the learned gpt2 positions start from (default 0.02)
                  --position-decay X weight decay of the learned gpt2 position matrix (default 0.1, as every matrix)""";
    }

    @Override public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        Arch arch;
        try { arch = Arch.parse(a.required("arch")); } catch (IllegalArgumentException e) { throw new CliException(e.getMessage()); }
        Path data = Path.of(a.required("data"));
        Path outFile = Path.of(a.required("out"));
        int dim = a.integer("dim", 128), heads = a.integer("heads", 4);
        int kv = a.integer("kv-heads", arch == Arch.GPT2 ? heads : Math.max(1, heads / 2));
        var o = new TrainOptions(data, arch, outFile, dim, a.integer("layers", 4), heads, kv,
                a.integer("ffn", TrainOptions.defaultFfn(arch, dim)), a.integer("context", 256), a.integer("vocab", 2048),
                a.integer("steps", a.has("minutes") ? Integer.MAX_VALUE : 2000), a.integer("batch", 4), a.number("lr", 0.002),
                a.integer("threads", Runtime.getRuntime().availableProcessors()), a.longValue("seed", 1),
                a.has("checkpoint") ? Path.of(a.string("checkpoint", null)) : null, a.flag("resume"),
                a.has("log") ? Path.of(a.string("log", null)) : null, a.number("minutes", 0), a.integer("eval-every", 50),
                a.string("name", "glassbox-" + arch.ggufName),
                a.number("position-init", TrainOptions.DEFAULT_POSITION_INIT), a.number("position-decay", Trainer.WEIGHT_DECAY));
        a.finish();
        if (o.resume() && o.checkpoint() == null) throw new CliException("--resume needs --checkpoint FILE");
        if (!(o.positionDecay() >= 0)) throw new CliException("--position-decay must be 0 or more");
        if (o.steps() < 1 || o.batch() < 1 || o.threads() < 1 || o.evalEvery() < 1 || !(o.lr() > 0))
            throw new CliException("--steps, --batch, --threads, --eval-every and --lr must be positive");
        try {
            o.shape();
        } catch (IllegalArgumentException e) { throw new CliException(e.getMessage()); }
        var r = Trainer.run(o, out);
        out.printf(Locale.ROOT, "wrote %s: %d steps in %.1f min, train loss %.4f, held-out loss %.4f nats/token%n",
                outFile, r.steps(), r.seconds() / 60, r.trainLoss(), r.validLoss());
        return 0;
    }
}
