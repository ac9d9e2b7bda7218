package glassbox.model.cli;

import glassbox.model.format.gguf.GgmlType;
import glassbox.model.format.gguf.GgufExport;
import glassbox.model.format.llama2c.Llama2cCheckpoint;
import glassbox.model.io.ModelFiles;
import glassbox.model.tokenizer.SentencePieceBpe;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** {@code glassbox convert IN OUT.gguf [--type f32|f16|q8_0|q4_0] [--tokenizer FILE]}: a llama2.c checkpoint as GGUF. */
public final class ConvertCommand implements Command {

    @Override public String name() { return "convert"; }

    @Override public String summary() { return "write a llama2.c checkpoint as GGUF (f32, f16, q8_0 or q4_0)"; }

    @Override public String usage() {
        return """
                usage: glassbox convert IN.bin OUT.gguf [--type f32|f16|q8_0|q4_0] [--tokenizer FILE]
                  IN.bin          a llama2.c checkpoint (legacy or version 1 header)
                  OUT.gguf        the GGUF v3 file to write (architecture llama, llama.cpp tensor names)
                  --type T        storage of the weight matrices (default f16); norms stay f32, and a matrix whose
                                  rows are not whole 32-value blocks is kept f16 (the command lists them)
                  --tokenizer F   llama2.c tokenizer.bin to embed (default: tok<vocab>.bin or tokenizer.bin beside IN)
                """;
    }

    @Override public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        var pos = args.positional();
        if (pos.size() != 2) throw new CliException("expected IN and OUT.gguf (glassbox convert --help)");
        Path in = Path.of(pos.get(0)), target = Path.of(pos.get(1));
        GgmlType type = switch (args.string("type", "f16").toLowerCase(Locale.ROOT)) {
            case "f32" -> GgmlType.F32;
            case "f16" -> GgmlType.F16;
            case "q8_0" -> GgmlType.Q8_0;
            case "q4_0" -> GgmlType.Q4_0;
            default -> throw new CliException("--type must be f32, f16, q8_0 or q4_0");
        };
        Path tokFile = args.has("tokenizer") ? args.existingFile("tokenizer") : null;
        args.finish();
        if (!Files.isRegularFile(in)) throw new CliException(in + ": no such file");
        var kind = ModelFiles.detect(in);
        if (kind != ModelFiles.Kind.LLAMA2C && kind != ModelFiles.Kind.LLAMA2C_V1) {
            throw new CliException(in + ": convert reads llama2.c checkpoints (this file is " + kind + ")");
        }
        if (Files.exists(target) && Files.isSameFile(in, target)) throw new CliException("IN and OUT are the same file");
        try (Llama2cCheckpoint ckpt = Llama2cCheckpoint.open(in)) {
            var config = ckpt.config();
            SentencePieceBpe tok = tokFile != null ? SentencePieceBpe.fromLlama2c(tokFile, config.vocabSize())
                    : (SentencePieceBpe) ModelFiles.llama2cTokenizer(in, null, config.vocabSize());
            if (tok == null) err.println("note: no tokenizer beside " + in.getFileName() + "; the GGUF will have no vocabulary");
            Path tmp = target.resolveSibling(target.getFileName() + ".part");
            var report = GgufExport.write(tmp, config.withName(stripExtension(in.getFileName().toString())), ckpt.weights(), type, tok);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            out.printf(Locale.ROOT, "wrote %s: %d tensors, %s weights, %.1f MB%s%n", target, report.tensors(), type,
                    Files.size(target) / 1e6, tok == null ? "" : ", vocabulary of " + tok.vocabSize());
            if (!report.fallbacks().isEmpty()) out.println("kept as F16 (rows not a multiple of 32): " + String.join(", ", report.fallbacks()));
        }
        return 0;
    }

    private static String stripExtension(String s) {
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }
}
