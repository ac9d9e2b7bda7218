package glassbox.model.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainEvalCommandTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {
        String lastLine() { var l = out.strip().split("\n"); return l[l.length - 1]; }
        double field(String name) {
            var m = Pattern.compile("\"" + name + "\": ([0-9.]+)").matcher(lastLine());
            assertTrue(m.find(), "no " + name + " in " + lastLine());
            return Double.parseDouble(m.group(1));
        }
    }

    static Run run(String... argv) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Cli.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test void untrainedModelScoresLog2VocabPerToken() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        String text = "She was the youngest of the two daughters of a most affectionate, indulgent father. ".repeat(200);
        Files.writeString(data.resolve("a.txt"), text);
        Path model = dir.resolve("m.gguf");
        var t = run("train", "--data", data.toString(), "--arch", "llama", "--out", model.toString(), "--dim", "16", "--layers", "1",
                "--heads", "2", "--kv-heads", "1", "--context", "16", "--vocab", "300", "--steps", "1", "--batch", "1", "--lr", "1e-9", "--threads", "1");
        assertEquals(0, t.code(), t.err());
        Path sample = dir.resolve("s.txt");
        Files.writeString(sample, "Emma Woodhouse, handsome, clever, and rich — 😀");
        var e = run("eval", "--model", model.toString(), "--text", sample.toString(), "--json");
        assertEquals(0, e.code(), e.err());
        double tokens = e.field("tokens"), bytes = e.field("bytes");
        assertEquals(Files.size(sample), (long) bytes);
        // near-zero initial weights give near-uniform predictions: log2(300) bits per token
        assertEquals(tokens * Math.log(300) / Math.log(2) / bytes, e.field("bits_per_byte"), 0.02 * e.field("bits_per_byte"));
    }

    @Test void badInputGivesClearErrors() throws Exception {
        Path junk = dir.resolve("junk.gguf");
        Files.write(junk, new byte[]{'G', 'G', 'U', 'F', 3, 0, 0, 0, 1});
        Path text = dir.resolve("t.txt");
        Files.writeString(text, "hello");
        var r = run("eval", "--model", junk.toString(), "--text", text.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("GGUF"), r.err());
        assertEquals(2, run("eval", "--model", junk.toString()).code());
        assertEquals(2, run("train", "--data", dir.toString(), "--arch", "bert", "--out", "x.gguf").code());
        var empty = run("train", "--data", Files.createDirectories(dir.resolve("empty")).toString(), "--arch", "gpt2", "--out", dir.resolve("y.gguf").toString());
        assertEquals(1, empty.code());
        assertTrue(empty.err().contains("no .txt files"), empty.err());
    }
}
