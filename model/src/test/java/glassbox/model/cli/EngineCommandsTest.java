package glassbox.model.cli;

import glassbox.model.json.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** generate / trace / bench through the CLI, as other tools call them. */
class EngineCommandsTest {
    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String model() {
        Path root = Path.of(System.getProperty("glassbox.shared", "../shared"));
        Assumptions.assumeTrue(Files.isDirectory(root), "skipped: shared folder " + root.toAbsolutePath() + " is absent");
        return root.resolve("models/llama2c/stories260K.bin").toString();
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        return lines[lines.length - 1];
    }

    /** The launcher treats an existing path as a model to open; a command name must win (the repo has a bench/ folder). */
    @Test void commandNamesAreRecognisedWhateverFilesExist() {
        for (String c : new String[]{"generate", "tokenize", "trace", "eval", "train", "convert", "arithmetic", "bench", "bench-kernels"})
            assertTrue(Cli.isCommand(c), c);
        assertFalse(Cli.isCommand("assets/models/classic.gguf"));
        assertFalse(Cli.isCommand("benchmark"));
    }

    @Test void greedyGenerateJsonMatchesTheReferenceRun() throws Exception {
        Path ref = Path.of(System.getProperty("glassbox.shared", "../shared")).resolve("reference/stories260K_greedy.jsonl");
        String m = model();
        Map<String, Object> first = Json.parseObject(Files.readAllLines(ref).getFirst());
        List<?> ids = (List<?>) first.get("ids");
        List<?> promptIds = (List<?>) first.get("prompt_ids");
        var r = run("generate", "--model", m, "--prompt", (String) first.get("prompt"), "--temperature", "0",
                "--max-tokens", String.valueOf(ids.size() - promptIds.size()), "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> out = Json.parseObject(lastLine(r.out()));
        assertEquals(promptIds, out.get("prompt_ids"));
        assertEquals(ids, out.get("ids"));
        String text = Files.readString(ref.resolveSibling("stories260K_once_n64.txt")).strip();
        assertEquals(text, ((String) out.get("text")).strip());
    }

    @Test void sampledGenerationRepeatsWithTheSameSeed() {
        String m = model();
        var a = run("generate", "--model", m, "--prompt", "Lily", "--temperature", "1", "--top-k", "40", "--seed", "7", "--max-tokens", "30", "--json");
        var b = run("generate", "--model", m, "--prompt", "Lily", "--temperature", "1", "--top-k", "40", "--seed", "7", "--max-tokens", "30", "--json");
        assertEquals(0, a.code(), a.err());
        assertEquals(lastLine(a.out()), lastLine(b.out()));
    }

    @Test void traceJsonHasEveryLayerAndHead() {
        var r = run("trace", "--model", model(), "--prompt", "Once upon", "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> t = Json.parseObject(r.out().strip());
        List<?> layers = (List<?>) t.get("layers");
        assertEquals(5, layers.size());
        Map<?, ?> l0 = (Map<?, ?>) layers.getFirst();
        assertEquals(8, ((List<?>) l0.get("heads")).size());
        assertEquals(((List<?>) t.get("tokens")).size(), ((List<?>) t.get("logits")).size());
    }

    @Test void errorsAreOneClearLine() {
        var missing = run("generate", "--model", "/nonexistent/model.bin", "--prompt", "x");
        assertNotEquals(0, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().contains("no such file"));
        var unknown = run("generate", "--model", model(), "--prompt", "x", "--bogus", "1");
        assertNotEquals(0, unknown.code());
        assertTrue(unknown.err().contains("--bogus"), unknown.err());
        var badTemp = run("generate", "--model", model(), "--prompt", "x", "--temperature", "-1");
        assertNotEquals(0, badTemp.code());
        var bench = run("bench");
        assertNotEquals(0, bench.code());
        assertTrue(bench.err().contains("--model"), bench.err());
    }

    @Test void benchJsonHasTheContractFields() {
        var r = run("bench", "--model", model(), "--threads", "1", "--seconds", "0.2", "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> j = Json.parseObject(lastLine(r.out()));
        assertTrue(((Number) j.get("bandwidth_gb_s")).doubleValue() > 0);
        Map<?, ?> c = (Map<?, ?>) ((List<?>) j.get("cases")).getFirst();
        for (String k : List.of("name", "threads", "decode_tok_s", "prefill_tok_s", "prefill_trace_tok_s", "trace_cost", "gb_s", "ceiling_pct")) assertTrue(c.containsKey(k), k);
        assertTrue(((Number) c.get("decode_tok_s")).doubleValue() > 0);
        assertTrue(((Number) c.get("trace_cost")).doubleValue() > 0.3, "a traced pass does at least the plain pass's matmuls");
    }
}
