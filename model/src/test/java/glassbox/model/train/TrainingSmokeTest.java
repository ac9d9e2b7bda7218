package glassbox.model.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A few training steps on a tiny model: the loss falls, checkpoints resume, the GGUF reads back. */
class TrainingSmokeTest {
    @TempDir Path dir;

    TrainOptions options(Arch arch, int steps, boolean resume) throws Exception {
        Path data = dir.resolve("data");
        if (!Files.exists(data)) {
            Files.createDirectories(data);
            Files.writeString(data.resolve("a.txt"), BpeTrainerTest.sample(20_000));
            Files.writeString(data.resolve("b.txt"), BpeTrainerTest.sample(8_000).toUpperCase());
        }
        return new TrainOptions(data, arch, dir.resolve(arch.ggufName + ".gguf"), 16, 1, 2, arch == Arch.GPT2 ? 2 : 1,
                32, 16, 300, steps, 4, 0.01, 2, 5, dir.resolve(arch.ggufName + ".ckpt"), resume, dir.resolve(arch.ggufName + ".csv"),
                0, 10, "test", TrainOptions.DEFAULT_POSITION_INIT, Trainer.WEIGHT_DECAY);
    }

    static PrintStream quiet() { return new PrintStream(new ByteArrayOutputStream()); }

    @Test void gpt2LossFallsAndCheckpointResumes() throws Exception {
        var first = Trainer.run(options(Arch.GPT2, 120, false), quiet());
        List<String> csv = Files.readAllLines(dir.resolve("gpt2.csv"));
        double startLoss = Double.parseDouble(csv.get(1).split(",")[4]);
        assertTrue(startLoss > 5.5, "starts near ln(300) = 5.7: " + startLoss);
        assertTrue(first.trainLoss() < startLoss - 1.5, "loss fell from " + startLoss + " to " + first.trainLoss());
        var more = Trainer.run(options(Arch.GPT2, 130, true), quiet());
        assertEquals(130, more.steps());
        // what the GGUF holds is the model that was trained
        var back = GgufModelFile.read(dir.resolve("gpt2.gguf"));
        assertEquals(more.model().shape(), back.model().shape());
        for (int i = 0; i < back.model().params.length; i += 7)
            assertEquals(more.model().params[i], back.model().params[i], 2e-3 * Math.abs(more.model().params[i]) + 1e-4);
        assertEquals(more.bpe().mergeStrings(), back.tokenizer().mergeStrings());
    }

    @Test void llamaLossFalls() throws Exception {
        var r = Trainer.run(options(Arch.LLAMA, 120, false), quiet());
        assertTrue(r.trainLoss() < 4.2, "loss " + r.trainLoss());
        assertTrue(r.validLoss() < 5.0, "held-out loss " + r.validLoss());
    }

    @Test void ggufHeaderIsStandard() throws Exception {
        var shape = new ModelShape(Arch.LLAMA, 260, 8, 1, 2, 1, 16, 8);
        var m = new TinyTransformer(shape);
        m.initialise(1);
        var bpe = BpeTrainer.train("abab ab", 260);
        Path f = dir.resolve("x.gguf");
        GgufExport.write(f, shape, m.params, bpe, "x");
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertArrayEquals("GGUF".getBytes(), new byte[]{b.get(), b.get(), b.get(), b.get()});
        assertEquals(3, b.getInt());
        assertEquals(ParamLayout.of(shape).tensors().size(), b.getLong());
        var back = GgufModelFile.read(f);
        assertEquals("llama", back.metadata().get("general.architecture"));
        assertEquals(1, ((Number) back.metadata().get("llama.attention.head_count_kv")).intValue());
        assertEquals(bpe.pieces(), back.metadata().get("tokenizer.ggml.tokens"));
        assertEquals(259, ((Number) back.metadata().get("tokenizer.ggml.bos_token_id")).intValue());
        Files.write(dir.resolve("cut.gguf"), java.util.Arrays.copyOf(Files.readAllBytes(f), 300));
        assertThrows(java.io.IOException.class, () -> GgufModelFile.read(dir.resolve("cut.gguf")));
    }
}
