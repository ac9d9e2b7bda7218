package glassbox.model.cli;

import glassbox.model.json.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class TokenizeCommandTest {
    static Path shared(String rel) {
        Path p = Path.of(System.getProperty("glassbox.shared", "../shared")).resolve(rel);
        Assumptions.assumeTrue(Files.exists(p), "skipped: " + p + " absent");
        return p;
    }

    record Run(int code, String out, String err) {}

    static Run run(String stdin, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        TokenizeCommand cmd = new TokenizeCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        int code;
        try {
            Args a = new Args(args, Cli.SWITCHES);
            code = cmd.run(a, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        } catch (CliException ex) {
            code = 2;
            e.writeBytes(ex.getMessage().getBytes(StandardCharsets.UTF_8));
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void modelBesideTokenizerWithBosAsJson() {
        Path model = shared("models/llama2c/stories260K.bin");
        Run r = run("", "--model", model.toString(), "--bos", "--text", "Lily and Tom", "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> obj = Json.parseObject(r.out().trim());
        // run.c's encode with bos (tok512_encode.json)
        assertEquals(List.of(1L, 317L, 269L, 274L, 287L), obj.get("ids"));
        assertEquals(List.of("\n<s>\n", " Lily", " and", " T", "om"), obj.get("pieces"));
    }

    @Test
    void stdinJsonlGivesOneLinePerString() {
        Path tok = shared("models/gpt2-tokenizer/encoder.json");
        Run r = run("\"Hello world\"\n\"\"\n", "--tokenizer", tok.toString(), "--stdin-jsonl");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().trim().split("\n");
        assertEquals(2, lines.length);
        assertEquals(List.of(15496L, 995L), Json.parseObject(lines[0]).get("ids"));
        assertEquals(List.of(), Json.parseObject(lines[1]).get("ids"));
    }

    @Test
    void badUsageIsOneClearLine() {
        assertEquals(2, run("", "--text", "x").code());
        Path tok = shared("models/llama2c/tok512.bin");
        assertEquals(2, run("", "--tokenizer", tok.toString(), "--text", "x", "--frobnicate", "1").code());
        assertEquals(2, run("not json\n", "--tokenizer", tok.toString(), "--stdin-jsonl").code());
    }

    @Test
    void ggufModelUsesItsOwnVocabulary() throws Exception {
        Path model = shared("models/gguf/llama-2-tiny-random.gguf");
        Path out = shared("models/gguf-vocab/ggml-vocab-llama-spm.gguf.out");
        // llama.cpp's vector 11 is "Hello world" (ggml-vocab-llama-spm.gguf.inp)
        List<Long> expected = java.util.Arrays.stream(Files.readAllLines(out).get(11).trim().split("\\s+")).map(Long::parseLong).toList();
        Run r = run("", "--model", model.toString(), "--text", "Hello world", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(expected, Json.parseObject(r.out().trim()).get("ids"));
    }

    @Test
    void plainOutputIsATableOfIdsAndPieces() {
        Path tok = shared("models/gguf-vocab/ggml-vocab-gpt-2.gguf");
        Run r = run("", "--tokenizer", tok.toString(), "--text", "Hello world");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("2 tokens (byte-level BPE, vocabulary 50257)"), r.out());
        assertTrue(r.out().contains("15496") && r.out().contains("Ġworld"), r.out());
    }

    @Test
    void notATokenizerIsAClearError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.bin");
        Files.write(junk, new byte[]{1, 2});
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = Cli.run(new String[]{"tokenize", "--tokenizer", junk.toString(), "--text", "x"},
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        assertNotEquals(0, code);
        String err = e.toString(StandardCharsets.UTF_8).trim();
        assertTrue(err.startsWith("glassbox tokenize: ") && err.contains("junk.bin") && !err.contains("\n"), err);
    }
}
