package glassbox.model.fuzz;

import glassbox.model.format.gguf.GgufFile;
import glassbox.model.format.gguf.GgufTensorInfo;
import glassbox.model.tokenizer.ByteLevelBpe;
import glassbox.model.tokenizer.SentencePieceBpe;
import glassbox.model.tokenizer.Tokenizer;
import glassbox.model.tokenizer.Tokenizers;

import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

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
