package glassbox.model.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the markdown card beside a shipped model from measured figures: the architecture table,
 * parameters, data, tokenizer, the exact training command and time, losses, the loss plot,
 * held-out bits per byte, previous-token heads and a greedy continuation.
 */
public final class ModelCard {
    private ModelCard() {}

    /** {@code ModelCard NAME MODEL.gguf LOG.csv CORPUS_DIR "TRAIN COMMAND" ["NOTES"]}: writes NAME.md and NAME-loss.png beside the model. */
    public static void main(String[] a) throws Exception {
        String name = a[0];
        Path gguf = Path.of(a[1]), csv = Path.of(a[2]), corpusDir = Path.of(a[3]);
        String command = a[4];
        Path dir = gguf.toAbsolutePath().getParent();
        var file = GgufModelFile.read(gguf);
        var s = file.model().shape();
        Path png = dir.resolve(name + "-loss.png");
        LossPlot.write(csv, png, name + " (" + s.arch().ggufName + ") on Jane Austen");
        var corpus = Corpus.load(corpusDir);
        var r = ModelReport.measure(file, corpus, 16);
        List<String> lines = Files.readAllLines(csv);
        String[] last = lines.getLast().split(",");
        int steps = Integer.parseInt(last[0]);
        double secs = Double.parseDouble(last[1]);
        long tokens = Long.parseLong(last[2]);
        double bytesPerToken = r.bytes() / (double) r.tokens();
        boolean gpt2 = s.arch() == Arch.GPT2;
        var md = new StringBuilder();
        md.append("# ").append(name).append(".gguf — ").append(gpt2 ? "GPT-2 architecture" : "Llama architecture")
          .append(", trained by Glassbox on Jane Austen\n\n");
        md.append(gpt2
                ? "The *classic* transformer exactly as GPT-2 built it: learned position embeddings, LayerNorm with bias, GELU (tanh form), fused QKV projection with bias, multi-head attention, MLP with biases, tied input/output embeddings.\n\n"
                : "The *modern* transformer as Llama builds it: rotary positions (RoPE, interleaved pairs as llama.cpp's llama arch, θ = 10000), RMSNorm, SwiGLU MLP, grouped-query attention (fewer key/value heads than query heads), no biases, tied input/output embeddings.\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| `general.architecture` | `").append(s.arch().ggufName).append("` |\n");
        md.append("| parameters | ").append(String.format(Locale.ROOT, "%,d", file.model().parameterCount())).append(" |\n");
        md.append("| layers (blocks) | ").append(s.layers()).append(" |\n");
        md.append("| model width d | ").append(s.dim()).append(" |\n");
        md.append("| attention heads | ").append(s.heads()).append(gpt2 ? "" : " query, " + s.kvHeads() + " key/value (groups of " + s.heads() / s.kvHeads() + ")")
          .append(", head size ").append(s.headDim()).append(" |\n");
        md.append("| MLP width | ").append(s.ffn()).append(gpt2 ? " (GELU)" : " (SwiGLU: gate, up, down)").append(" |\n");
        md.append("| positions | ").append(gpt2 ? "learned, " + s.context() + " × " + s.dim() + " (initialised from sinusoids of rms "
                + flag(command, "position-init", TrainOptions.DEFAULT_POSITION_INIT) + ")" : "RoPE on all " + s.headDim() + " dims of each head").append(" |\n");
        md.append("| norm | ").append(gpt2 ? "LayerNorm with bias, ε = 1e-5, before attention and MLP, and at the end" : "RMSNorm, ε = 1e-5, before attention and MLP, and at the end").append(" |\n");
        md.append("| context | ").append(s.context()).append(" tokens |\n");
        md.append("| vocabulary | ").append(s.vocab()).append(" (byte-level BPE) |\n");
        md.append("| output head | tied to the token embedding |\n");
        md.append("| file | GGUF v3, 2-D weights F16, 1-D F32, ").append(String.format(Locale.ROOT, "%.1f MB", Files.size(gguf) / 1e6)).append(" |\n\n");
        md.append("## Data\n\nThe six Jane Austen novels of `../shared/corpus/austen/*.txt` (public domain, from the R package janeaustenr). ")
          .append("The last 5% of each novel (cut at a line start) is held out for validation and never trained on; ")
          .append(String.format(Locale.ROOT, "held out: %,d bytes = %,d tokens.\n\n", r.bytes(), r.tokens()));
        md.append("## Tokenizer\n\nByte-level BPE trained by `glassbox train` on the training 95%: GPT-2 pre-tokenization regex, the 256 bytes as ids 0–255 ")
          .append("(spelled with GPT-2's byte→unicode table), then ").append(file.tokenizer().mergeCount())
          .append(" ranked merges (ids 256…), then `<|endoftext|>` (id ").append(file.tokenizer().endOfText())
          .append(", control token, used as BOS/EOS and between novels). Stored as `tokenizer.ggml.model = gpt2`, `tokenizer.ggml.pre = gpt-2`, with tokens, merges and token types. ")
          .append(String.format(Locale.ROOT, "%.2f bytes per token on the held-out text.\n\n", bytesPerToken));
        md.append("## Training\n\n```\n").append(command).append("\n```\n\n");
        md.append(String.format(Locale.ROOT, "Wall time %.1f min (training-loop time, as logged) on a 2-core machine shared with other builds; %d steps of %d windows × %d tokens = %,d tokens seen (%.1f passes over the %s training tokens). ",
                secs / 60, steps, tokens / Math.max(1, steps) / s.context(), s.context(), tokens,
                tokens / (double) Math.max(1, countTrain(corpus, file.tokenizer())), String.format(Locale.ROOT, "%,d", countTrain(corpus, file.tokenizer()))));
        if (a.length > 5 && !a[5].isBlank()) md.append(a[5]).append(" ");
        double positionDecay = flag(command, "position-decay", Trainer.WEIGHT_DECAY);
        md.append("AdamW (β 0.9/0.95, weight decay 0.1 on matrices").append(gpt2 && (float) positionDecay != Trainer.WEIGHT_DECAY
                ? String.format(Locale.ROOT, " except the position matrix, which decays by %s", positionDecay == 0 ? "nothing" : Double.toString(positionDecay)) : "")
          .append("), learning rate warm-up over 100 steps then cosine decay to 10% stretched to the time limit, gradient clipping at 1.0, random windows.\n\n");
        md.append(String.format(Locale.ROOT, "Final losses: train %.3f, held-out %.3f nats/token (the train figure is the mean over the last logging interval; held-out on 16 fixed windows).\n\n", Double.parseDouble(last[4]), Double.parseDouble(last[5])));
        md.append("![loss curve](").append(png.getFileName()).append(")\n\n");
        md.append("## Held-out quality\n\n");
        md.append(String.format(Locale.ROOT, "**%.3f bits per byte** on the whole held-out 5%% (%.3f nats/token): each novel's held-out tail scored separately, preceded by `<|endoftext|>`, in consecutive windows of %d tokens — what `./glassbox eval --model assets/models/%s.gguf --text TAIL.txt --json` computes for one tail.\n\n",
                r.bitsPerByte(), r.bitsPerByte() * Math.log(2) * bytesPerToken, s.context(), name));
        md.append("Greedy continuation of the prompt (no sampling):\n\n> ").append(r.continuation().replace("\n", "⏎ ")).append("\n\n");
        md.append("## Previous-token heads\n\nMean attention weight on position i−1 (over all i ≥ 1) on held-out text, per layer (rows) and head (columns):\n\n");
        md.append("| layer |");
        for (int h = 0; h < s.heads(); h++) md.append(" head ").append(h).append(" |");
        md.append("\n|---|");
        for (int h = 0; h < s.heads(); h++) md.append("---|");
        md.append("\n");
        for (int l = 0; l < s.layers(); l++) {
            md.append("| ").append(l).append(" |");
            for (double v : r.previousToken()[l]) md.append(String.format(Locale.ROOT, v > 0.5 ? " **%.3f** |" : " %.3f |", v));
            md.append("\n");
        }
        md.append("\nPrevious-token heads (mean > 0.5): ").append(r.previousTokenHeads().isEmpty() ? "none" : String.join("; ", r.previousTokenHeads())).append(".\n");
        if (r.previousTokenHeads().isEmpty()) {
            int bl = 0, bh = 0;
            for (int l = 0; l < s.layers(); l++)
                for (int h = 0; h < s.heads(); h++) if (r.previousToken()[l][h] > r.previousToken()[bl][bh]) { bl = l; bh = h; }
            md.append(String.format(Locale.ROOT, "No head reaches the 0.5 threshold: the strongest is layer %d head %d (%.3f), about %.0f× what uniform causal attention over a %d-token window would give (≈ 0.02); this model spreads its local attention over the last few tokens instead of concentrating it on one.%n",
                    bl, bh, r.previousToken()[bl][bh], r.previousToken()[bl][bh] / 0.0201, s.context()));
        }
        md.append("Layers and heads count from 0.\n");
        Files.writeString(dir.resolve(name + ".md"), md.toString());
        System.out.print(md);
    }

    /** A number flag's value in the training command as written, or its default. */
    static double flag(String command, String name, double fallback) {
        var m = java.util.regex.Pattern.compile("--" + name + "\\s+(\\S+)").matcher(command);
        return m.find() ? Double.parseDouble(m.group(1)) : fallback;
    }

    private static long countTrain(Corpus c, TrainedBpe bpe) { return Corpus.tokens(bpe, c.trainParts()).length; }
}
