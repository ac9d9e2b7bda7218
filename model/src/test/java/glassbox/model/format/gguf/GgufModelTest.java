package glassbox.model.format.gguf;

import glassbox.model.LoadedModel;
import glassbox.model.cli.Cli;
import glassbox.model.config.Family;
import glassbox.model.config.RopePairing;
import glassbox.model.io.ModelFiles;
import glassbox.model.json.Json;
import glassbox.model.transformer.Sampler;
import glassbox.model.transformer.Transformer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Real files from ../shared through the GGUF reader: llama.cpp's tiny Llama, and stories260K converted by us. */
class GgufModelTest {
    @TempDir Path dir;

    static Path shared(String relative) {
        Path root = Path.of(System.getProperty("glassbox.shared", "../shared"));
        Assumptions.assumeTrue(Files.isDirectory(root), "skipped: shared folder " + root.toAbsolutePath() + " is absent");
        Path p = root.resolve(relative);
        if (!Files.exists(p)) throw new AssertionError("missing " + p + " inside the shared folder");
        return p;
    }

    @Test void tinyRandomLlamaLoadsRunsAndTokenizesLikeLlamaCpp() throws IOException {
        try (LoadedModel m = ModelFiles.open(shared("models/gguf/llama-2-tiny-random.gguf"), null)) {
            var c = m.config();
            assertEquals(Family.LLAMA, c.family());
            assertEquals(8, c.dim());
            assertEquals(32, c.hiddenDim());
            assertEquals(1, c.layers());
            assertEquals(2, c.heads());
            assertEquals(4096, c.contextLength());
            assertEquals(32000, c.vocabSize());
            assertEquals(RopePairing.INTERLEAVED, c.ropePairing());
            assertTrue(m.format().startsWith("GGUF v3 (F16"), m.format());
            var tok = m.tokenizer();
            assertEquals(32000, tok.vocabSize());
            int[] ids = Tokenizer_concat(tok.bos(), tok.encode("Hello world, this is a test."));
            float[] logits = m.transformer().logits(ids);
            assertEquals(32000, logits.length);
            for (float f : logits) assertTrue(Float.isFinite(f));
            // the session path agrees with the batched path
            var s = m.transformer().newSession();
            float[] last = s.prefill(ids);
            for (int i = 0; i < logits.length; i++) assertEquals(logits[i], last[i], 1e-4f);
            // llama.cpp's own llama-spm vectors (same Llama 2 vocabulary), special tokens parsed as text
            Path vocab = shared("models/gguf-vocab/ggml-vocab-llama-spm.gguf");
            String all = Files.readString(Path.of(vocab + ".inp"), StandardCharsets.UTF_8);
            List<String> texts = new ArrayList<>(Arrays.asList(all.split("\n__ggml_vocab_test__\n", -1)));
            if (texts.getLast().isEmpty()) texts.removeLast();
            List<String> lines = Files.readAllLines(Path.of(vocab + ".out"), StandardCharsets.UTF_8);
            int pass = 0;
            for (int k = 0; k < texts.size(); k++) {
                String line = lines.get(k).trim();
                int[] expected = line.isEmpty() ? new int[0] : Arrays.stream(line.split("\\s+")).mapToInt(Integer::parseInt).toArray();
                if (Arrays.equals(expected, tok.encode(texts.get(k)))) pass++;
                else fail("vector " + k + " '" + texts.get(k) + "': expected " + Arrays.toString(expected) + " got " + Arrays.toString(tok.encode(texts.get(k))));
            }
            assertEquals(46, pass);
        }
    }

    private static int[] Tokenizer_concat(int first, int[] rest) { return glassbox.model.tokenizer.Tokenizer.concat(first, rest); }

    private Path convert(String type) {
        Path out = dir.resolve("stories260K-" + type + ".gguf");
        var o = new ByteArrayOutputStream();
        var e = new ByteArrayOutputStream();
        int rc = Cli.run(new String[]{"convert", shared("models/llama2c/stories260K.bin").toString(), out.toString(), "--type", type},
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        assertEquals(0, rc, e.toString(StandardCharsets.UTF_8));
        System.out.print("convert --type " + type + ": " + o.toString(StandardCharsets.UTF_8));
        return out;
    }

    static float[] referenceLogits() throws IOException {
        byte[] raw = Files.readAllBytes(shared("reference/stories260K_logits_32x512.f32"));
        float[] ref = new float[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(ref);
        return ref;
    }

    static int[] referenceIds() throws IOException {
        return Arrays.stream(Files.readString(shared("reference/stories260K_logits_32x512.ids.txt")).trim().split("[,\\s]+"))
                .mapToInt(Integer::parseInt).toArray();
    }

    static float maxDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        float worst = 0;
        for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
        return worst;
    }

    /** run.c's greedy loop: prompt, then argmax until `steps` positions or BOS. */
    static int[] greedy(Transformer model, int[] prompt, int steps) {
        var session = model.newSession();
        int[] out = Arrays.copyOf(prompt, steps + 1);
        int n = prompt.length;
        float[] logits = session.prefill(prompt);
        while (true) {
            int next = Sampler.argmax(logits);
            if (next == 1) break;
            out[n++] = next;
            if (session.position() >= steps) break;
            logits = session.step(next);
        }
        return Arrays.copyOf(out, n);
    }

    @Test void stories260KConvertedToF32AndF16MatchesRunC() throws IOException {
        int[] ids = referenceIds();
        float[] ref = referenceLogits();
        List<String> greedyLines = Files.readAllLines(shared("reference/stories260K_greedy.jsonl"));
        try (LoadedModel direct = ModelFiles.open(shared("models/llama2c/stories260K.bin"), null)) {
            float[] directLogits = direct.transformer().allLogits(ids);
            for (String type : new String[]{"f32", "f16"}) {
                try (LoadedModel m = ModelFiles.open(convert(type), null)) {
                    assertEquals(direct.config().withName("x"), m.config().withName("x"), "config survives the conversion");
                    float[] logits = m.transformer().allLogits(ids);
                    float vsRunC = maxDiff(ref, logits), vsDirect = maxDiff(directLogits, logits);
                    System.out.printf("stories260K GGUF %s: max |logit diff| vs run.c %.3g, vs llama2.c path %.3g%n", type, vsRunC, vsDirect);
                    if (type.equals("f32")) {
                        assertTrue(vsRunC <= 1e-4f, "F32 vs run.c " + vsRunC);
                        assertTrue(vsDirect <= 1e-4f, "F32 GGUF vs the llama2.c path " + vsDirect);
                    } else {
                        assertTrue(vsRunC < 0.05f, "F16 vs run.c " + vsRunC);
                    }
                    int same = 0, total = 0;
                    for (String line : greedyLines) {
                        if (line.isBlank()) continue;
                        Map<String, Object> r = Json.parseObject(line);
                        int[] prompt = ((List<?>) r.get("prompt_ids")).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
                        int[] expected = ((List<?>) r.get("ids")).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
                        int[] got = greedy(m.transformer(), prompt, ((Number) r.get("steps")).intValue());
                        if (type.equals("f32")) assertArrayEquals(expected, got, "greedy " + r.get("prompt"));
                        total++;
                        if (Arrays.equals(expected, got)) same++;
                    }
                    System.out.printf("stories260K GGUF %s: greedy runs identical to run.c: %d/%d%n", type, same, total);
                    // the vocabulary travelled too: the GGUF tokenizer encodes like tok512.bin
                    var enc = Json.parse(Files.readString(shared("reference/tok512_encode.json")));
                    for (Object o : (List<?>) enc) {
                        var entry = (Map<?, ?>) o;
                        int[] want = ((List<?>) entry.get("ids_bos")).stream().mapToInt(x -> ((Number) x).intValue()).toArray();
                        int[] got = Tokenizer_concat(m.tokenizer().bos(), m.tokenizer().encode((String) entry.get("text")));
                        assertArrayEquals(want, got, "encode " + entry.get("text"));
                    }
                }
            }
        }
    }

    @Test void quantizedConversionsKeepTheTopToken() throws IOException {
        try (LoadedModel f32 = ModelFiles.open(convert("f32"), null)) {
            // a few hundred positions: the F32 model's own greedy continuation of a story opening
            int[] prompt = Tokenizer_concat(1, f32.tokenizer().encode("Once upon a time, there was a little girl named Lily."));
            int[] seq = greedyNoStop(f32.transformer(), prompt, 400);
            float[] ref = f32.transformer().allLogits(seq);
            for (String type : new String[]{"f16", "q8_0", "q4_0"}) {
                try (LoadedModel q = ModelFiles.open(convert(type), null)) {
                    float[] got = q.transformer().allLogits(seq);
                    int agree = 0;
                    for (int t = 0; t < seq.length; t++) {
                        if (argmax(ref, t * 512, 512) == argmax(got, t * 512, 512)) agree++;
                    }
                    double share = agree / (double) seq.length;
                    System.out.printf("stories260K %s (%s): top-1 agreement with F32 %d/%d = %.1f%%, max |logit diff| %.3g, file %d bytes%n",
                            type, q.format(), agree, seq.length, 100 * share, maxDiff(ref, got), Files.size(q.source()));
                    double need = switch (type) { case "q4_0" -> 0.85; case "q8_0" -> 0.95; default -> 0.99; };
                    assertTrue(share >= need, type + " agreement " + share);
                }
            }
        }
    }

    static int[] greedyNoStop(Transformer model, int[] prompt, int length) {
        var s = model.newSession();
        int[] out = Arrays.copyOf(prompt, length);
        float[] logits = s.prefill(prompt);
        for (int n = prompt.length; n < length; n++) {
            float[] l = logits.clone();
            l[1] = Float.NEGATIVE_INFINITY; // keep going past a story's end
            out[n] = Sampler.argmax(l);
            if (n + 1 < length) logits = s.step(out[n]);
        }
        return out;
    }

    static int argmax(float[] a, int off, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) if (a[off + i] > a[off + best]) best = i;
        return best;
    }
}
