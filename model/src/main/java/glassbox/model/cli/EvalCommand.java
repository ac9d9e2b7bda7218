package glassbox.model.cli;

import glassbox.model.train.Evaluator;
import glassbox.model.train.GgufModelFile;

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
                usage: glassbox eval [--model FILE.gguf] --text FILE [--json]
                  --model FILE  a GGUF written by glassbox train (default: assets/models/classic.gguf)
                  --text FILE   UTF-8 text; it is preceded by <|endoftext|> and scored in windows of the context length
                  --json        last line is {"bits_per_byte": x, "tokens": n, "bytes": m}""";
    }

    /** The shipped classic model, found from glassbox.home or the working folder. */
    static Path defaultModel() {
        String home = System.getProperty("glassbox.home");
        Path p = Path.of(home == null ? "." : home, "assets", "models", "classic.gguf");
        if (!Files.isRegularFile(p)) throw new CliException("no --model given and the default " + p + " is missing");
        return p;
    }

    @Override public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        Path model = a.has("model") ? a.existingFile("model") : null;
        Path text = a.existingFile("text");
        boolean json = a.flag("json");
        a.finish();
        if (text == null) throw new CliException("missing required flag --text");
        if (model == null) model = defaultModel();
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(text))).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new CliException(text + " is not valid UTF-8 text");
        }
        if (content.isEmpty()) throw new CliException(text + " is empty");
        var m = GgufModelFile.read(model);
        var r = Evaluator.bitsPerByte(m.model(), m.tokenizer(), content);
        out.printf(Locale.ROOT, "%s on %s: %.4f bits/byte (%.4f nats/token over %d tokens, %d bytes)%n",
                model.getFileName(), text.getFileName(), r.bitsPerByte(), r.natsPerToken(), r.tokens(), r.bytes());
        if (json) out.printf(Locale.ROOT, "{\"bits_per_byte\": %.6f, \"tokens\": %d, \"bytes\": %d}%n", r.bitsPerByte(), r.tokens(), r.bytes());
        return 0;
    }
}
