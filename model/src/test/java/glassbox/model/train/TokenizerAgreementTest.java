package glassbox.model.train;

import glassbox.model.format.gguf.GgufFile;
import glassbox.model.tokenizer.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The app's general GGUF reader and byte-level BPE tokenizer read our exported file and agree with TrainedBpe id for id. */
class TokenizerAgreementTest {
    @TempDir Path dir;

    @Test void appTokenizerReadsTheExportAndEncodesIdentically() throws Exception {
        String sample = BpeTrainerTest.sample(50_000);
        var bpe = BpeTrainer.train(sample, 700);
        var shape = new ModelShape(Arch.GPT2, bpe.vocabSize(), 8, 1, 2, 2, 16, 8);
        var m = new TinyTransformer(shape);
        m.initialise(2);
        Path f = dir.resolve("t.gguf");
        GgufExport.write(f, shape, m.params, bpe, "agreement");
        var gguf = GgufFile.open(f);
        assertEquals(3, gguf.version());
        var app = Tokenizers.fromGguf(gguf);
        assertEquals(bpe.vocabSize(), app.vocabSize());
        assertEquals(bpe.endOfText(), app.bos());
        for (String text : List.of(sample.substring(10_000, 14_000), "It is a truth universally acknowledged",
                "naïve café — “quoted” 😀   x\t\ty\r\n  42,000 don't", "")) {
            assertArrayEquals(bpe.encode(text), app.encode(text), text);
        }
    }
}
