package glassbox.model.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** ggml Q8_0: blocks of 32 weights = an f16 scale d and 32 signed bytes q; weight = d·q. */
public final class Q8_0Tensor extends BlockTensor {
    public static final int BLOCK = 32, BLOCK_BYTES = 34;
    // bytes loaded per step: as many as there are float lanes, so each load converts to one float vector
    private static final VectorSpecies<Byte> B = VECTOR ? ByteVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(F.length() * 8)) : null;

    public Q8_0Tensor(MemorySegment segment, long size) { super(segment, size, BLOCK, BLOCK_BYTES); }

    @Override public float getFloat(long index) {
        long b = index / BLOCK * BLOCK_BYTES;
        return half(b) * segment.get(ValueLayout.JAVA_BYTE, b + 2 + index % BLOCK);
    }

    @Override float blockDot(long b, float[] x, int xo) {
        int L = F.length();
        var acc = FloatVector.zero(F);
        for (int j = 0; j < BLOCK; j += L) {
            var q = (FloatVector) ByteVector.fromMemorySegment(B, segment, b + 2 + j, LE).castShape(F, 0);
            acc = q.fma(FloatVector.fromArray(F, x, xo + j), acc);
        }
        return half(b) * acc.reduceLanes(VectorOperators.ADD);
    }

    @Override void decodeBlock(long b, float[] dst, int off) {
        var d = FloatVector.broadcast(F, half(b));
        for (int j = 0; j < BLOCK; j += F.length()) {
            ((FloatVector) ByteVector.fromMemorySegment(B, segment, b + 2 + j, LE).castShape(F, 0)).mul(d).intoArray(dst, off + j);
        }
    }

    @Override protected BlockTensor make(MemorySegment s, long n) { return new Q8_0Tensor(s, n); }

    @Override public String typeName() { return "Q8_0"; }
}
