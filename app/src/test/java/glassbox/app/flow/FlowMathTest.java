package glassbox.app.flow;

import glassbox.model.config.RopePairing;
import glassbox.model.trace.Matrix;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class FlowMathTest {

    @Test void sinusoidalTableMatchesTheFormulaByHand() {
        Matrix pe = SinusoidalTable.of(5, 8);
        assertEquals(0f, pe.get(0, 0));
        assertEquals(1f, pe.get(0, 1));
        assertEquals(Math.sin(1), pe.get(1, 0), 1e-6);
        assertEquals(Math.cos(1), pe.get(1, 1), 1e-6);
        assertEquals(Math.sin(3 / Math.pow(10000, 2.0 / 8)), pe.get(3, 2), 1e-6);   // pair i=1
        assertEquals(Math.cos(4 / Math.pow(10000, 6.0 / 8)), pe.get(4, 7), 1e-6);   // pair i=3
    }

    @Test void ropeTurnsTheFastestPairByOneRadianPerPosition() {
        var rope = new RopeRotation(4, 4, 10000f, RopePairing.INTERLEAVED);
        float[] v = rope.rotate(new float[]{1, 0, 1, 0}, 1);
        assertEquals(Math.cos(1), v[0], 1e-6);
        assertEquals(Math.sin(1), v[1], 1e-6);
        assertEquals(Math.cos(0.01), v[2], 1e-6); // θ_1 = 10000^(-2/4) = 0.01
        var half = new RopeRotation(4, 4, 10000f, RopePairing.HALF_SPLIT);
        float[] w = half.rotate(new float[]{1, 0, 0, 0}, 1);
        assertEquals(Math.sin(1), w[2], 1e-6);       // pair (0, 2) in the half-split layout
    }

    @Test void ropeDotProductDependsOnlyOnTheOffset() {
        var rope = new RopeRotation(8, 8, 10000f, RopePairing.INTERLEAVED);
        Random r = new Random(3);
        float[] q = new float[8], k = new float[8];
        for (int i = 0; i < 8; i++) { q[i] = (float) r.nextGaussian(); k[i] = (float) r.nextGaussian(); }
        double[] a = rope.dotByOffset(q, k, 0, 20), b = rope.dotByOffset(q, k, 37, 20);
        for (int i = 0; i <= 20; i++) assertEquals(a[i], b[i], 1e-4);
        assertNotEquals(a[0], a[5], 1e-3, "the dot product does change with the offset");
    }

    @Test void shownBandsSpanFastestToSlowest() {
        assertArrayEquals(new int[]{0, 1, 2}, EmbeddingsPane.shownBands(3));
        int[] b = EmbeddingsPane.shownBands(32);
        assertEquals(8, b.length);
        assertEquals(0, b[0]);
        assertEquals(31, b[7]);
    }

    @Test void rowNormsAreEuclidean() {
        assertArrayEquals(new double[]{5, 0}, RowNorms.of(new Matrix(2, 2, new float[]{3, 4, 0, 0})), 1e-9);
    }
}
