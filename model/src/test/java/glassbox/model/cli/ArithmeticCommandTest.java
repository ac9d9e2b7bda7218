package glassbox.model.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ArithmeticCommandTest {
    record Run(int code, String out, String err) {
        String lastLine() { var l = out.strip().split("\n"); return l[l.length - 1]; }
        long field(String name) {
            var m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(lastLine());
            assertTrue(m.find(), "no " + name + " in " + lastLine());
            return Long.parseLong(m.group(1));
        }
    }

    static Run run(String... argv) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Cli.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void presetJson() {
        var r = run("arithmetic", "--preset", "gpt2-small", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.lastLine().startsWith("{") && r.lastLine().endsWith("}"));
        assertEquals(124_439_808L, r.field("params"));
        assertEquals(2 * 124_439_808L, r.field("weights_bytes"));
        // GPT-2 small at s = 1024, fp16: 2 · 12 · 12 · 64 · 1024 · 2 bytes
        assertEquals(2L * 12 * 12 * 64 * 1024 * 2, r.field("kv_cache_bytes"));
        assertTrue(r.field("flops_sequence") == 1024 * r.field("flops_per_token"));
    }

    @Test
    void interviewExampleFromFlags() {
        var r = run("arithmetic", "--d-model", "4096", "--ffn", "13696", "--ffn-type", "swiglu", "--heads", "32",
                "--kv-heads", "2", "--layers", "28", "--vocab", "65024", "--seq", "8192", "--untied", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(128_714_721_460_224L, r.field("flops_sequence"));
        // the same model from the preset with its sequence length overridden (QKV bias adds no FLOPs by convention)
        var p = run("arithmetic", "--preset", "chatglm2-6b", "--seq", "8192", "--json");
        assertEquals(128_714_721_460_224L, p.field("flops_sequence"));
    }

    @Test
    void humanOutputShowsStepsAndConvention() {
        var r = run("arithmetic", "--preset", "llama-7b");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("W_O per layer"), r.out());
        assertTrue(r.out().contains("6,738,415,616"));
        assertTrue(r.out().contains("2mnk"));
        assertTrue(r.out().contains("KV cache"));
    }

    @Test
    void unknownPresetIsOneClearLine() {
        var r = run("arithmetic", "--preset", "gpt5");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("gpt2-small") && r.err().contains("llama2-70b"), r.err());
    }

    @Test
    void badInputIsRejectedClearly() {
        assertTrue(run("arithmetic", "--d-model", "768").err().contains("--ffn"));
        assertTrue(run("arithmetic", "--preset", "gpt2-small", "--heads", "7").err().contains("multiple"));
        assertTrue(run("arithmetic", "--preset", "gpt2-small", "--seq", "-3").err().contains("positive"));
        assertTrue(run("arithmetic", "--preset", "gpt2-small", "--ffn-type", "tanh").err().contains("swiglu"));
        assertEquals(2, run("arithmetic", "--preset", "gpt2-small", "--frobnicate", "1").code());
        // sizes whose products overflow a long are refused, not wrapped
        var huge = run("arithmetic", "--d-model", "2000000000", "--ffn", "2000000000", "--heads", "1", "--layers", "2000000000",
                "--vocab", "2000000000", "--seq", "2000000000", "--json");
        assertNotEquals(0, huge.code());
        assertFalse(huge.err().isBlank());
    }

    @Test
    void jsonQuoteEscapes() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", ArithmeticCommand.quote("a\"b\\c\n\u0001"));
        assertEquals("\"\\ud800x\"", ArithmeticCommand.quote("\ud800x"));
        assertEquals("\"😀\"", ArithmeticCommand.quote("😀"));
    }
}
