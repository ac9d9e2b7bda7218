package glassbox.model.transformer;

import glassbox.model.format.llama2c.Llama2cCheckpoint;
import glassbox.model.tensor.F32Tensor;
import glassbox.model.tensor.FloatTensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** F32 weights copied from the mapped file to the heap: the same values, a tied head still one tensor, a budget honoured. */
class HeapWeightsTest {
    @Test void aMappedCheckpointIsCopiedWithItsTiedHeadKeptAsOneTensor() throws Exception {
        try (var ckpt = Llama2cCheckpoint.open(SharedFiles.path("models/llama2c/stories260K.bin"))) {
            ModelWeights mapped = ckpt.weights();
            assertFalse(((F32Tensor) mapped.layers().getFirst().wq()).isOnHeap(), "the checkpoint maps its file");
            ModelWeights heap = HeapWeights.resident(mapped, 1L << 30);
            assertNotSame(mapped, heap);
            assertSame(heap.tokenEmbedding(), heap.output(), "stories260K ties its classifier to the embedding");
            assertEquals(mapped.parameterCount(), heap.parameterCount());
            assertEquals(mapped.bytesPerToken(), heap.bytesPerToken());
            for (int l = 0; l < mapped.layers().size(); l++) {
                LayerWeights a = mapped.layers().get(l), b = heap.layers().get(l);
                for (FloatTensor[] pair : new FloatTensor[][]{{a.wq(), b.wq()}, {a.wk(), b.wk()}, {a.wv(), b.wv()}, {a.wo(), b.wo()},
                        {a.wGate(), b.wGate()}, {a.wUp(), b.wUp()}, {a.wDown(), b.wDown()}, {a.attnNorm(), b.attnNorm()}}) {
                    assertTrue(((F32Tensor) pair[1]).isOnHeap());
                    assertArrayEquals(pair[0].toFloatArray(), pair[1].toFloatArray(), "layer " + l);
                }
            }
            assertArrayEquals(mapped.output().toFloatArray(), heap.output().toFloatArray());
        }
    }

    @Test void weightsOverTheBudgetStayMapped() throws Exception {
        try (var ckpt = Llama2cCheckpoint.open(SharedFiles.path("models/llama2c/stories260K.bin"))) {
            ModelWeights mapped = ckpt.weights();
            long bytes = mapped.bytesPerToken();   // the tied embedding is the classifier: every F32 byte but the norms'
            assertSame(mapped, HeapWeights.resident(mapped, bytes / 2));
        }
    }

    @Test void heapResidentAndMappedWeightsGiveTheSameLogits() throws Exception {
        try (var ckpt = Llama2cCheckpoint.open(SharedFiles.path("models/llama2c/stories260K.bin"))) {
            int[] prompt = {1, 403, 407, 261, 378, 429, 271};
            var heap = new Transformer(ckpt.config(), ckpt.weights(), 2);
            assertTrue(((F32Tensor) heap.weights().output()).isOnHeap(), "the public constructor keeps F32 weights on the heap");
            float[] a = heap.logits(prompt);
            double[] b = ScalarReference.logits(ckpt.config(), ckpt.weights(), prompt)[prompt.length - 1];   // double precision, from the mapped file
            for (int i = 0; i < a.length; i++) assertEquals(b[i], a[i], 1e-3, "logit " + i);
        }
    }
}
