package glassbox.model.arithmetic.why;

import static org.junit.jupiter.api.Assertions.*;

import glassbox.model.arithmetic.Presets;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each "Why?" card's demonstration, checked against what theory says it must show. */
class WhyDemosTest {

    @Test
    void dotProductVarianceGrowsAsDAndScalingKeepsEntropy() {
        var r = ScalingDemo.run(1);
        for (var row : r.rows()) {
            // 4000 samples: the sample variance of a variance-d variable is within ~10% of d
            assertEquals(row.d(), row.variance(), 0.12 * row.d(), "d=" + row.d());
            assertTrue(row.entropyScaled() > 0.8 * r.maxEntropy(), "scaled stays spread out at d=" + row.d());
        }
        var big = r.rows().getLast();
        assertTrue(big.entropyRaw() < 0.2 && big.maxWeightRaw() > 0.9, "raw softmax saturates at d=1024: " + big);
        assertTrue(r.rows().getFirst().entropyRaw() > big.entropyRaw());
        assertEquals(r.rows(), ScalingDemo.run(1).rows(), "same seed, same numbers");
    }

    @Test
    void tiedProjectionsGiveSymmetricSelfAttendingScores() {
        var r = TiedQkDemo.run(1);
        assertEquals(0.0, r.asymmetryTied(), 1e-12);
        assertTrue(r.asymmetryUntied() > 0.5);
        assertTrue(r.diagonalArgmaxTied() >= 0.9, "tied: tokens attend to themselves");
        assertTrue(r.diagonalWeightTied() > 3 * r.diagonalWeightUntied());
        for (int i = 0; i < r.tokens(); i++) assertEquals(1.0, sum(r.attentionTied()[i]), 1e-12);
    }

    @Test
    void multiHeadSameParametersDifferentPatterns() {
        var r = MultiHeadDemo.run(1);
        assertEquals(4L * 64 * 64, r.paramsOneHead());
        assertEquals(r.paramsOneHead(), r.paramsMultiHead());
        assertTrue(r.meanPairwiseTv() > 0.2, "heads attend differently: " + r.meanPairwiseTv());
    }

    @Test
    void causalAttentionIsFullRankBidirectionalIsNot() {
        var r = RankDemo.run(1);
        assertEquals(2, r.scoreRank(), "QKᵀ with d_head = 2 has rank 2");
        assertEquals(r.n(), r.causalRank());
        assertTrue(r.bidirectionalRank() < r.n(), "bidirectional rank " + r.bidirectionalRank());
        // the causal matrix is lower-triangular with a positive diagonal: det = product of the diagonal ≠ 0
        for (int i = 0; i < r.n(); i++) {
            assertTrue(r.causal()[i][i] > 0);
            for (int j = i + 1; j < r.n(); j++) assertEquals(0.0, r.causal()[i][j]);
        }
        // the Jacobi SVD against a hand-checked case: diag(3, 2, 0) has singular values 3, 2, 0
        assertArrayEquals(new double[] {3, 2, 0}, Lin.singularValues(new double[][] {{3, 0, 0}, {0, 2, 0}, {0, 0, 0}}), 1e-12);
        assertEquals(1, RankDemo.rank(new double[][] {{1, 2}, {2, 4}}, 1e-9));
    }

    @Test
    void layerNormIgnoresTheBatchBatchNormDoesNot() {
        var r = NormDemo.run(1);
        assertEquals(0.0, r.layerNormChange(), 1e-12);
        assertTrue(r.batchNormChange() > 0.1);
        assertEquals(0.0, r.batchNormSingle(), 1e-12, "BatchNorm on one token erases it");
        // post-norm: every block ends in a norm, so the stream has norm √d = 4 at any depth
        for (double s : r.postNormStream()) assertEquals(4.0, s, 1e-3);
        int last = r.depths().length - 1;
        assertTrue(r.preNormStream()[last] > r.preNormStream()[0], "pre-norm stream grows with depth");
        assertTrue(r.preNormGradient()[last] >= 1.0, "identity path keeps the gradient ≥ 1");
        assertTrue(r.postNormGradient()[last] < r.preNormGradient()[last]);
    }

    @Test
    void ropeScoresDependOnlyOnOffset() {
        var r = PositionsDemo.run(1);
        for (int i = 0; i < r.offsets().length; i++) {
            assertTrue(r.ropeSpread()[i] < 1e-9, "RoPE spread " + r.ropeSpread()[i]);
            assertTrue(r.sinusoidalTableSpread()[i] < 1e-9, "PE_m·PE_n depends on m − n only");
            assertTrue(r.sinusoidalSpread()[i] > 1, "added sinusoids: absolute position leaks in");
            assertTrue(r.learnedSpread()[i] > 1);
        }
        // a rotation keeps length: |R_m q| = |q|
        double[] q = {1, 2, 3, 4};
        assertEquals(30.0, dot(PositionsDemo.rope(q, 17), PositionsDemo.rope(q, 17)), 1e-12);
    }

    @Test
    void bpeMergesMatchSennrichsExample() {
        var merges = BpeDemo.train(BpeDemo.sennrichCorpus(), 10);
        var got = merges.stream().map(m -> m.left() + "+" + m.right()).toList();
        assertEquals(List.of("e+s", "es+t", "est+</w>", "l+o", "lo+w", "n+e", "ne+w", "new+est</w>", "low+</w>", "w+i"), got);
        assertEquals(9, merges.getFirst().count()); // newest 6 + widest 3
        assertEquals(List.of("newest</w>"), merges.get(7).words().get("newest"));
    }

    @Test
    void unigramViterbiOnAbabcHasLikelihoodFourNinths() {
        var r = UnigramDemo.run();
        assertEquals(List.of("ab", "ab", "c"), r.best().pieces());
        assertEquals(UnigramDemo.Fraction.of(3, 512), r.best().probability());
        assertEquals(4, r.all().size());
        assertEquals(UnigramDemo.Fraction.of(27, 2048), r.total());
        assertEquals(new UnigramDemo.Fraction(BigInteger.valueOf(4), BigInteger.valueOf(9)), r.share());
        assertThrows(IllegalArgumentException.class, () -> UnigramDemo.run("abd", UnigramDemo.exampleVocab()));
    }

    @Test
    void crossAttentionShapes() {
        var r = ArchitecturesDemo.run(1);
        assertEquals("4 × 8", r.crossQ().toString());   // from the decoder: m × d_k
        assertEquals("6 × 8", r.crossK().toString());   // from the encoder: n × d_k
        assertEquals("4 × 6", r.crossWeights().toString());
        assertEquals("4 × 8", r.crossOutput().toString());
        assertEquals(0.0, r.decoderSelf()[0][1]);       // causal decoder
        assertTrue(r.encoderSelf()[0][5] > 0);          // bidirectional encoder
    }

    @Test
    void gqaCutsKvCache() {
        var r = AttentionVariantsDemo.run(Presets.get("llama2-70b"));
        assertEquals(List.of("MHA", "GQA", "MQA"), r.variants().stream().map(AttentionVariantsDemo.Variant::name).toList());
        assertEquals(8 * r.variants().get(1).kvBytesPerToken(), r.variants().get(0).kvBytesPerToken());
        assertEquals(327_680L, r.variants().get(1).kvBytesPerToken());
    }

    private static double sum(double[] v) { double s = 0; for (double x : v) s += x; return s; }

    private static double dot(double[] a, double[] b) { double s = 0; for (int i = 0; i < a.length; i++) s += a[i] * b[i]; return s; }
}
