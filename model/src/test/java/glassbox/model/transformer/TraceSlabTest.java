package glassbox.model.transformer;

import glassbox.model.config.ModelConfig;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.HeadTrace;
import glassbox.model.trace.LayerTrace;
import glassbox.model.trace.Matrix;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** A trace's matrices share a few large arrays, sized exactly for them. */
class TraceSlabTest {
    private static final ModelConfig LLAMA = ModelConfig.llama("gqa", 24, 36, 3, 6, 3, 29, 16, true);
    private static final ModelConfig GPT2 = ModelConfig.gpt2("gpt2", 16, 40, 2, 4, 29, 12);
    private static final int[] TOKENS = {1, 4, 9, 16, 25, 8, 2};

    @Test void aSlabHandsOutOneArrayUntilItIsFull() {
        TraceSlab slab = new TraceSlab(10);
        TraceSlab.Slot a = slab.take(2, 3), b = slab.take(1, 4);
        assertSame(a.array(), b.array());
        assertEquals(10, a.array().length);
        assertEquals(6, b.offset());
        TraceSlab.Slot c = slab.take(1, 1);
        assertNotSame(a.array(), c.array(), "past the planned size a new array");
    }

    @Test void copiesAndColumnsLandWhereTheMatrixReads() {
        TraceSlab slab = new TraceSlab(100);
        slab.take(1, 7);   // not at offset 0
        float[] rows = {1, 2, 3, 4, 5, 6, 7, 8};   // 2 rows of 4
        Matrix all = slab.copy(rows, 2, 4), middle = slab.columns(rows, 2, 4, 1, 2);
        assertArrayEquals(rows, all.toArray());
        assertArrayEquals(new float[]{2, 3, 6, 7}, middle.toArray());
        assertEquals(7, middle.get(1, 1));
        assertArrayEquals(new float[]{6, 7}, middle.row(1));
        assertEquals(new Matrix(2, 2, new float[]{2, 3, 6, 7}), middle, "equal to the same values on their own");
        assertEquals(new Matrix(2, 2, new float[]{2, 3, 6, 7}).hashCode(), middle.hashCode());
    }

    /** Counted independently: every distinct matrix of a real trace, shared ones once, adds up to the planned size. */
    @Test void theTracesMatricesAddUpToThePlannedFloats() {
        for (ModelConfig c : new ModelConfig[]{LLAMA, GPT2}) {
            var model = new Transformer(c, RandomWeights.make(c, 3), 1);
            for (boolean allLogits : new boolean[]{true, false}) {
                ForwardTrace t = model.trace(TOKENS, Ablation.NONE, allLogits);
                Set<Matrix> seen = Collections.newSetFromMap(new IdentityHashMap<>());
                seen.add(t.tokenEmbeddings());
                if (t.positionEmbeddings() != null) seen.add(t.positionEmbeddings());
                seen.add(t.embedded());
                for (LayerTrace l : t.layers()) {
                    seen.addAll(java.util.List.of(l.input(), l.attnNormed(), l.concat(), l.attnOutput(), l.residualAfterAttn(),
                            l.mlpNormed(), l.mlpHidden(), l.mlpOutput(), l.output()));
                    for (HeadTrace h : l.heads()) {
                        seen.addAll(java.util.List.of(h.qBeforeRope(), h.kBeforeRope(), h.q(), h.k(), h.v(), h.rawScores(),
                                h.weights(), h.output()));
                    }
                }
                seen.add(t.finalNormed());
                seen.add(t.logits());
                long floats = seen.stream().mapToLong(Matrix::size).sum();
                assertEquals(TraceRecorder.floats(c, TOKENS.length, allLogits), floats, c.name() + " allLogits " + allLogits);
                assertEquals(4 * floats, model.traceBytes(TOKENS.length, allLogits), "the budget is what the trace holds");
            }
        }
    }

    @Test void headsSharingAKeyValueHeadShareItsMatrices() {
        ForwardTrace t = new Transformer(LLAMA, RandomWeights.make(LLAMA, 4), 1).trace(TOKENS);
        var heads = t.layers().get(1).heads();
        assertEquals(heads.get(0).kvHead(), heads.get(1).kvHead(), "6 query heads on 3 K/V heads");
        assertSame(heads.get(0).k(), heads.get(1).k());
        assertSame(heads.get(0).v(), heads.get(1).v());
        assertNotSame(heads.get(0).v(), heads.get(2).v());
        assertSame(t.layers().get(0).output(), t.layers().get(1).input(), "a block's input is the previous block's output");
    }
}
