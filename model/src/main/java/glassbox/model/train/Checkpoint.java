package glassbox.model.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The trainer's own resumable state: shape, tokenizer merges, parameters and AdamW moments. */
public record Checkpoint(ModelShape shape, TrainedBpe bpe, float[] params, float[] m, float[] v, long adamStep,
                         int step, double seconds) {
    private static final int MAGIC = 0x4742434B; // "GBCK"

    public void save(Path path) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (var out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(1);
            out.writeInt(shape.arch().ordinal());
            for (int x : new int[]{shape.vocab(), shape.dim(), shape.layers(), shape.heads(), shape.kvHeads(), shape.ffn(), shape.context()})
                out.writeInt(x);
            out.writeInt(step);
            out.writeLong(adamStep);
            out.writeDouble(seconds);
            out.writeInt(bpe.mergeCount());
            for (int r = 0; r < bpe.mergeCount(); r++) { out.writeInt(bpe.mergeLeft(r)); out.writeInt(bpe.mergeRight(r)); }
            for (float[] a : new float[][]{params, m, v}) {
                ByteBuffer bb = ByteBuffer.allocate(a.length * 4).order(ByteOrder.BIG_ENDIAN);
                bb.asFloatBuffer().put(a);
                out.write(bb.array());
            }
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Checkpoint load(Path path) throws IOException {
        try (var in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(path), 1 << 16))) {
            if (in.readInt() != MAGIC) throw new IOException(path + " is not a Glassbox training checkpoint");
            if (in.readInt() != 1) throw new IOException("unsupported checkpoint version");
            Arch arch = Arch.values()[in.readInt()];
            var shape = new ModelShape(arch, in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt());
            int step = in.readInt();
            long adamStep = in.readLong();
            double seconds = in.readDouble();
            int nm = in.readInt();
            if (nm != shape.vocab() - 257) throw new IOException("checkpoint merges do not match its vocabulary");
            int[] l = new int[nm], r = new int[nm];
            for (int i = 0; i < nm; i++) { l[i] = in.readInt(); r[i] = in.readInt(); }
            int n = ParamLayout.of(shape).total();
            float[][] arrays = new float[3][n];
            byte[] raw = new byte[n * 4];
            for (float[] a : arrays) {
                in.readFully(raw);
                ByteBuffer.wrap(raw).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(a);
            }
            return new Checkpoint(shape, new TrainedBpe(l, r), arrays[0], arrays[1], arrays[2], adamStep, step, seconds);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("corrupt checkpoint " + path + ": " + e.getMessage(), e);
        }
    }
}
