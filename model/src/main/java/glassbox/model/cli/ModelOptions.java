package glassbox.model.cli;

import glassbox.model.LoadedModel;
import glassbox.model.io.ModelFiles;
import glassbox.model.tokenizer.Tokenizer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The --model / --tokenizer / --threads flags shared by generate, trace and bench. */
final class ModelOptions {
    private ModelOptions() {}

    static LoadedModel open(Args args) throws IOException {
        String m = args.string("model", null);
        Path model;
        if (m == null) {
            model = ModelFiles.defaultModel();
            if (!Files.isRegularFile(model)) {
                throw new CliException("no --model given and the default model " + model + " is missing");
            }
        } else {
            model = Path.of(m);
            // a Hugging Face safetensors folder is a model too
            if (!Files.isRegularFile(model) && !Files.isDirectory(model)) throw new CliException("--model: no such file or folder: " + m);
        }
        Path tok = args.existingFile("tokenizer");
        int threads = args.integer("threads", 0);
        if (threads < 0 || threads > 1024) throw new CliException("--threads must be between 0 (automatic) and 1024");
        return ModelFiles.open(model, tok, threads);
    }

    static Tokenizer tokenizer(LoadedModel model) {
        Tokenizer t = model.tokenizer();
        if (t == null) {
            throw new CliException("no tokenizer for " + model.source() + ": pass --tokenizer FILE (e.g. tokenizer.bin"
                    + " or tok" + model.config().vocabSize() + ".bin), or put one beside the model");
        }
        return t;
    }

    /** BOS + the prompt's tokens, cut from the left (keeping BOS) to leave room for `reserve` new tokens. */
    static int[] promptIds(Tokenizer tok, String prompt, int context, int reserve, PrintStream err) {
        int[] body = tok.encode(prompt);
        int[] ids = tok.bos() >= 0 ? Tokenizer.concat(tok.bos(), body) : body;
        if (ids.length == 0) throw new CliException("the prompt is empty and the tokenizer has no BOS token to start from");
        int room = Math.max(1, context - Math.max(0, reserve));
        var fit = glassbox.model.transformer.ContextWindow.fit(ids, room, tok.bos() >= 0);
        if (fit.dropped() > 0) err.println("glassbox: the prompt was cut from the left by " + fit.dropped() + " tokens to fit the context of " + context);
        return fit.ids();
    }
}
