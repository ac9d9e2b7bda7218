package glassbox.model.transformer;

import glassbox.model.format.llama2c.Llama2cCheckpoint;
import glassbox.model.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The engine against llama2.c's run.c on the real stories260K checkpoint (both header versions). */
class Stories260KReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"stories260K.bin", "stories260K_v1.bin"})
    void greedyGenerationReproducesRunC(String file) throws IOException {
        try (var ckpt = Llama2cCheckpoint.open(SharedFiles.path("models/llama2c/" + file))) {
            var model = new Transformer(ckpt.config(), ckpt.weights(), 1);
            List<String> lines = Files.readAllLines(SharedFiles.path("reference/stories260K_greedy.jsonl"));
            assertFalse(lines.isEmpty());
            for (String line : lines) {
                if (line.isBlank()) continue;
                Map<String, Object> ref = Json.parseObject(line);
                int[] prompt = ints(ref.get("prompt_ids"));
                int[] expected = ints(ref.get("ids"));
                int steps = ((Number) ref.get("steps")).intValue();
                assertArrayEquals(expected, greedy(model, prompt, steps), "prompt " + ref.get("prompt"));
            }
        }
    }

    /** run.c's loop: feed the prompt, then the argmax, until `steps` positions or BOS. */
    static int[] greedy(Transformer model, int[] prompt, int steps) {
        var session = model.newSession();
        int[] out = Arrays.copyOf(prompt, steps + 1);
        int n = prompt.length;
        float[] logits = session.prefill(prompt);
        while (true) {   // every forwarded position yields one more token, the last one included
            int next = Sampler.argmax(logits);
            if (next == 1) break;      // run.c stops when BOS is sampled
            out[n++] = next;
            if (session.position() >= steps) break;
            logits = session.step(next);
        }
        return Arrays.copyOf(out, n);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stories260K.bin", "stories260K_v1.bin"})
    void logitsOf32PositionsMatchWithin1e4(String file) throws IOException {
        int[] ids = Arrays.stream(Files.readString(SharedFiles.path("reference/stories260K_logits_32x512.ids.txt")).trim().split("[,\\s]+"))
                .mapToInt(Integer::parseInt).toArray();
        byte[] raw = Files.readAllBytes(SharedFiles.path("reference/stories260K_logits_32x512.f32"));
        float[] ref = new float[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(ref);
        assertEquals(32 * 512, ref.length);
        assertEquals(32, ids.length);
        try (var ckpt = Llama2cCheckpoint.open(SharedFiles.path("models/llama2c/" + file))) {
            var model = new Transformer(ckpt.config(), ckpt.weights(), 1);
            var session = model.newSession();
            for (int t = 0; t < 32; t++) {
                float[] logits = session.step(ids[t]);
                assertClose(Arrays.copyOfRange(ref, t * 512, (t + 1) * 512), logits, 1e-4f, "step " + t);
            }
            assertClose(ref, model.allLogits(ids), 1e-4f, "blocked prefill");
            assertClose(ref, model.trace(ids).logits().toArray(), 1e-4f, "trace");
            assertClose(Arrays.copyOfRange(ref, 31 * 512, 32 * 512), model.logits(ids), 1e-4f, "logits()");
        }
    }

    static void assertClose(float[] expected, float[] actual, float tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        float worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            float d = Math.abs(expected[i] - actual[i]);
            if (!(d <= worst)) { worst = d; at = i; }
        }
        assertTrue(worst <= tol, what + ": worst difference " + worst + " at " + at);
    }

    private static int[] ints(Object list) {
        return ((List<?>) list).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }
}
