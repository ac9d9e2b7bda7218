package glassbox.model.cli;

import glassbox.model.transformer.HeldOutLoss;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** {@code glassbox eval}: held-out cross-entropy of a model on a text, in bits per byte. */
public final class EvalCommand implements Command {
    @Override public String name() { return "eval"; }

    @Override public String summary() { return "cross-entropy of a model on a text file, in bits per byte"; }

    @Override public String usage() {
        return """
                usage: glassbox eval [--model FILE] [--tokenizer FILE] [--threads N] --text FILE [--json]
                  --model FILE  any model the engine reads (GGUF, llama2.c, safetensors; default: assets/models/classic.gguf)
                  --text FILE   UTF-8 text; it is preceded by BOS (<|endoftext|> for Glassbox's models) and scored
                                in consecutive windows of the context length
                  --json        last line is {"bits_per_byte": x, "tokens": n, "bytes": m}""";
    }

    @Override public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        Path text = a.existingFile("text");
        boolean json = a.flag("json");
        if (text == null) throw new CliException("missing required flag --text");
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(text))).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new CliException(text + " is not valid UTF-8 text");
        }
        if (content.isEmpty()) throw new CliException(text + " is empty");
        try (var m = ModelOptions.open(a)) {
            a.finish();
            HeldOutLoss.Result r;
            try {
                r = HeldOutLoss.measure(m.transformer(), ModelOptions.tokenizer(m), content);
            } catch (IllegalArgumentException e) {
                throw new CliException(text + ": " + e.getMessage());
            }
            out.printf(Locale.ROOT, "%s on %s: %.4f bits/byte (%.4f nats/token over %d tokens, %d bytes)%n",
                    m.source().getFileName(), text.getFileName(), r.bitsPerByte(), r.natsPerToken(), r.scoredTokens(), r.bytes());
            if (json) out.printf(Locale.ROOT, "{\"bits_per_byte\": %.6f, \"tokens\": %d, \"bytes\": %d}%n", r.bitsPerByte(), r.scoredTokens(), r.bytes());
        }
        return 0;
    }
}
