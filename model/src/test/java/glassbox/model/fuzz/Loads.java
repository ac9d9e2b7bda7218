package glassbox.model.fuzz;

import glassbox.model.LoadedModel;
import glassbox.model.config.ModelConfig;
import glassbox.model.format.gguf.GgufFile;
import glassbox.model.io.ModelFiles;
import glassbox.model.transformer.ContextWindow;
import glassbox.model.transformer.Transformer;
import glassbox.model.format.gguf.GgufTensorInfo;
import glassbox.model.tokenizer.ByteLevelBpe;
import glassbox.model.tokenizer.SentencePieceBpe;
import glassbox.model.tokenizer.Tokenizer;
import glassbox.model.tokenizer.Tokenizers;

import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Arrays;

/** What the app does with each kind of file: load it, then use it a little (encode, decode, a short forward pass). */
final class Loads {
    private Loads() {}

    static final String TEXT = "Once upon a time, Lily said: \"héllo 日本 🙂\"\n";

    /** Encodes and decodes a short text; an id outside the vocabulary is a failure, not a clear error. */
    static String use(Tokenizer t) {
        int[] ids = t.encode(TEXT);
        for (int id : ids) {
            if (id < 0 || id >= t.vocabSize()) throw new AssertionError("encode produced id " + id + " outside vocab " + t.vocabSize());
            t.piece(id);
            t.decode(-1, id);
        }
        t.decode(ids);
        t.encodeWithSteps("a b");
        return "tokenizer";
    }

    /**
     * The app's path: ModelFiles.open, then what the views and generation do with a model — a trace and
     * logits over at most 4 tokens and one KV-cached step — plus an encode/decode with its tokenizer.
     */
    static String model(Path model, Path tokenizerOrNull) throws Exception {
        try (LoadedModel m = ModelFiles.open(model, tokenizerOrNull)) {
            AllocationMeter.loaded();
            ModelConfig c = m.config();
            int[] ids = {0, Math.min(1, c.vocabSize() - 1), c.vocabSize() - 1};
            if (m.tokenizer() != null) {
                use(m.tokenizer());
                if (m.tokenizer().vocabSize() > c.vocabSize()) {
                    throw new AssertionError("tokenizer has " + m.tokenizer().vocabSize() + " tokens, the model " + c.vocabSize());
                }
                int[] text = m.tokenizer().encode("Once upon");
                int bos = m.tokenizer().bos();
                ids = bos >= 0 ? Tokenizer.concat(bos, Arrays.copyOf(text, Math.min(3, text.length))) : Arrays.copyOf(text, Math.min(4, text.length));
                if (ids.length == 0) ids = new int[]{0};
            }
            // as the app does: a prompt longer than the context is cut from the left, BOS kept
            ids = ContextWindow.fit(ids, c.contextLength(), m.tokenizer() != null && m.tokenizer().bos() == ids[0]).ids();
            Transformer t = m.transformer();
            float[] logits = t.logits(ids);
            if (logits.length != c.vocabSize()) throw new AssertionError(logits.length + " logits for a vocabulary of " + c.vocabSize());
            t.trace(ids);
            t.newSession().step(ids[0]);
            return m.format();
        }
    }

    static String ggufVocab(Path file) throws Exception {
        try (GgufFile g = GgufFile.open(file)) {
            use(Tokenizers.fromGguf(g.metadata(), file.getFileName().toString()));
        }
        return "vocabulary";
    }

    /** A GGUF model as the app loads it. */
    static String ggufModel(Path file) throws Exception {
        try (GgufFile g = GgufFile.open(file)) {
            Tokenizer t = Tokenizers.fromGguf(g.metadata(), file.getFileName().toString());
            use(t);
            // every tensor's bytes are readable where the header says they are
            for (GgufTensorInfo info : g.tensors().values()) {
                var data = g.tensorData(info);
                data.get(ValueLayout.JAVA_BYTE, 0);
                data.get(ValueLayout.JAVA_BYTE, data.byteSize() - 1);
            }
        }
        return "model";
    }

    static String tokenizerBin(Path file) throws Exception {
        use(SentencePieceBpe.fromLlama2c(file, 0));
        return "tokenizer";
    }

    static String gpt2Files(Path dir) throws Exception {
        use(ByteLevelBpe.fromGpt2Files(dir.resolve("encoder.json"), dir.resolve("vocab.bpe")));
        return "tokenizer";
    }

    static String huggingFace(Path file) throws Exception {
        use(ByteLevelBpe.fromHuggingFace(file));
        return "tokenizer";
    }
}
