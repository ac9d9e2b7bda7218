package glassbox.model.arithmetic;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DrillQuestionTest {
    final ArchSpec gpt2 = Presets.get("gpt2-small");
    final ArchSpec glm = Presets.get("chatglm2-6b").withSeq(8192);

    @Test
    void roundedRightAnswersPass() {
        var q = DrillQuestion.of(DrillKind.PARAMS, gpt2);
        assertTrue(q.check("124,439,808").correct());
        assertTrue(q.check("124M").correct());
        assertTrue(q.check("1.24e8").correct());
        assertFalse(q.check("117M").correct()); // the often-quoted but wrong figure for the released weights
    }

    @Test
    void forgettingWoIsRecognisedAtTheWoStep() {
        var q = DrillQuestion.of(DrillKind.PARAMS, gpt2);
        long wrong = 124_439_808L - 12L * 768 * 768;
        var c = q.check(Long.toString(wrong));
        assertFalse(c.correct());
        assertEquals("forgot_wo", c.mistake());
        assertEquals("params.attn.wo", c.derivation().steps().get(c.divergingStep()).id());
        assertEquals(12.0 * 768 * 768 / 124_439_808, c.relativeError(), 1e-12);
    }

    @Test
    void macsAndGqaSlipsInFlops() {
        var q = DrillQuestion.of(DrillKind.FLOPS_PER_TOKEN, glm);
        long truth = 15_712_246_272L; // 128,714,721,460,224 / 8,192
        assertTrue(q.check(Long.toString(truth)).correct());
        var macs = q.check(Long.toString(truth / 2));
        assertEquals("macs", macs.mistake());
        assertEquals("flops.rule", macs.derivation().steps().get(macs.divergingStep()).id());
        // with 32 K/V heads the K,V projections cost 2·2·d·d instead of 2·2·d·256 in each of 28 layers
        long mha = truth + 28L * 4 * 4096 * (4096 - 256);
        assertEquals("ignored_gqa", q.check(Long.toString(mha)).mistake());
    }

    @Test
    void kvCacheSlips() {
        var q = DrillQuestion.of(DrillKind.KV_CACHE_BYTES, Presets.get("llama2-7b"));
        assertTrue(q.check("2 GiB").correct());
        assertEquals("only_k", q.check("1 GiB").mistake());
        assertEquals("per_token", q.check("512 KiB").mistake());
    }

    @Test
    void shapeQuestion() {
        var q = DrillQuestion.of(DrillKind.SHAPE, glm);
        assertTrue(q.check("4096 x 256").correct());
        assertTrue(q.check("[4,096, 256]").correct());
        var gqa = q.check("4096×4096");
        assertEquals("ignored_gqa", gqa.mistake());
        assertEquals("shape.kv_dim", gqa.derivation().steps().get(gqa.divergingStep()).id());
        assertEquals("transposed", q.check("256x4096").mistake());
    }

    @Test
    void garbageIsNotACrash() {
        var q = DrillQuestion.of(DrillKind.PARAMS, gpt2);
        for (String s : List.of("", "lots", "😀", "\ud800", "9".repeat(400), "1e999", "-5")) {
            var c = q.check(s);
            assertFalse(c.correct(), s);
        }
    }

    @Test
    void randomIsRepeatable() {
        var a = DrillQuestion.random(new Random(7), Presets.all());
        var b = DrillQuestion.random(new Random(7), Presets.all());
        assertEquals(a.prompt(), b.prompt());
    }
}
