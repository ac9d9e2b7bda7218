package glassbox.model.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures a model card quotes, measured on the held-out 5% of a corpus: bits per byte, the
 * previous-token heads, and the greedy continuation of a prompt.
 */
public record ModelReport(double bitsPerByte, long tokens, long bytes, double[][] previousToken, List<String> previousTokenHeads,
                          String prompt, String continuation) {
    public static final String PROMPT = "It is a truth universally acknowledged";
    public static final double PREVIOUS_TOKEN_THRESHOLD = 0.5;

    public static ModelReport measure(GgufModelFile file, Corpus corpus, int attentionWindows) {
        var m = file.model();
        var bpe = file.tokenizer();
        double bits = 0;
        long tokens = 0, bytes = 0;
        for (String part : corpus.validParts()) {
            if (part.isBlank()) continue;
            var r = Evaluator.bitsPerByte(m, bpe, part);
            bits += r.bitsPerByte() * r.bytes();
            tokens += r.tokens();
            bytes += r.bytes();
        }
        String held = String.join("", corpus.validParts());
        double[][] prev = Evaluator.previousTokenAttention(m, bpe, held, attentionWindows);
        List<String> heads = new ArrayList<>();
        for (int l = 0; l < prev.length; l++)
            for (int h = 0; h < prev[l].length; h++)
                if (prev[l][h] > PREVIOUS_TOKEN_THRESHOLD) heads.add(String.format(Locale.ROOT, "layer %d head %d (%.3f)", l, h, prev[l][h]));
        return new ModelReport(bits / bytes, tokens, bytes, prev, heads, PROMPT, Evaluator.greedy(m, bpe, PROMPT, 40));
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "held-out: %.4f bits/byte over %d tokens, %d bytes%n", bitsPerByte, tokens, bytes);
        out.println("mean attention on the previous token [layer][head]:");
        for (int l = 0; l < previousToken.length; l++) {
            var sb = new StringBuilder("  layer " + l + ":");
            for (double v : previousToken[l]) sb.append(String.format(Locale.ROOT, " %.3f", v));
            out.println(sb);
        }
        out.println("previous-token heads (> 0.5): " + (previousTokenHeads.isEmpty() ? "none" : String.join(", ", previousTokenHeads)));
        out.println("greedy: " + (prompt + continuation.substring(prompt.length())).replace("\n", "\\n"));
    }

    /** {@code ModelReport MODEL.gguf CORPUS_DIR}: prints the card figures. */
    public static void main(String[] args) throws Exception {
        var file = GgufModelFile.read(Path.of(args[0]));
        System.out.println(file.model().shape() + ", " + file.model().parameterCount() + " parameters");
        if (args.length > 2 && args[2].equals("--quick")) { // attention and greedy only, on a few windows
            var c = Corpus.load(Path.of(args[1]));
            double[][] prev = Evaluator.previousTokenAttention(file.model(), file.tokenizer(), String.join("", c.validParts()), 4);
            for (double[] row : prev) System.out.println(java.util.Arrays.toString(row));
            System.out.println(Evaluator.greedy(file.model(), file.tokenizer(), PROMPT, 30).replace("\n", "\\n"));
            return;
        }
        measure(file, Corpus.load(Path.of(args[1])), 16).print(System.out);
    }
}
