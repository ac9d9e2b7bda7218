package glassbox.model.format.gguf;

import glassbox.model.io.ModelFormatException;
import glassbox.model.tensor.FloatTensor;
import glassbox.model.tensor.Quantize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** GgufWriter → GgufFile round trip of every metadata type and tensor type, and hand-checked layout. */
class GgufWriterTest {
    @TempDir Path dir;

    @Test void everyMetadataTypeRoundTrips() throws IOException {
        Path p = dir.resolve("meta.gguf");
        new GgufWriter()
                .putUInt8("u8", 250).putInt8("i8", -5).putUInt16("u16", 65000).putInt16("i16", -30000)
                .putUInt32("u32", 4_000_000_000L).putInt32("i32", -7).putFloat32("f32", 1.5f).putBool("yes", true)
                .putString("s", "héllo ▁world").putUInt64("u64", 1L << 40).putInt64("i64", -(1L << 40)).putFloat64("f64", Math.PI)
                .putStrings("strs", List.of("a", "", "ü")).putFloats("fs", new float[]{1, -2.5f}).putInts("is", new int[]{-1, 2})
                .putUInts("us", new int[]{7}).putLongs("ls", new long[]{Long.MIN_VALUE + 1, 3}).putDoubles("ds", new double[]{0.25})
                .putBools("bs", new boolean[]{true, false}).putBytes("by", new byte[]{1, 2, 3})
                .write(p);
        try (GgufFile f = GgufFile.open(p)) {
            var m = f.metadata();
            assertEquals(3, f.version());
            assertEquals(250L, m.get("u8"));
            assertEquals(-5L, m.get("i8"));
            assertEquals(65000L, m.get("u16"));
            assertEquals(-30000L, m.get("i16"));
            assertEquals(4_000_000_000L, m.get("u32"));
            assertEquals(-7L, m.get("i32"));
            assertEquals(1.5f, m.get("f32"));
            assertEquals(true, m.get("yes"));
            assertEquals("héllo ▁world", f.getString("s"));
            assertEquals(1L << 40, m.get("u64"));
            assertEquals(-(1L << 40), m.get("i64"));
            assertEquals(Math.PI, m.get("f64"));
            assertEquals(List.of("a", "", "ü"), f.getStringArray("strs"));
            assertArrayEquals(new float[]{1, -2.5f}, f.getFloatArray("fs"));
            assertArrayEquals(new int[]{-1, 2}, f.getIntArray("is"));
            assertArrayEquals(new int[]{7}, f.getIntArray("us"));
            assertArrayEquals(new long[]{Long.MIN_VALUE + 1, 3}, (long[]) m.get("ls"));
            assertArrayEquals(new double[]{0.25}, (double[]) m.get("ds"));
            assertArrayEquals(new boolean[]{true, false}, (boolean[]) m.get("bs"));
            assertArrayEquals(new int[]{1, 2, 3}, (int[]) m.get("by"));
        }
    }

    @Test void tensorsOfEveryWritableTypeRoundTripAligned() throws IOException {
        Random rnd = new Random(3);
        float[] v = new float[96 * 2];
        for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian();
        Path p = dir.resolve("t.gguf");
        GgmlType[] types = {GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0};
        GgufWriter w = new GgufWriter().putUInt32("general.alignment", 64);
        w.addTensor("odd", new long[]{3}, GgmlType.F32, new float[]{1, 2, 3}); // 12 bytes: forces padding
        for (GgmlType t : types) w.addTensor("m." + t, new long[]{96, 2}, t, v);
        w.write(p);
        try (GgufFile f = GgufFile.open(p)) {
            assertEquals(64, f.alignment());
            assertEquals(0, f.dataStart() % 64);
            assertArrayEquals(new float[]{1, 2, 3}, GgufTensors.of(f, f.tensor("odd")).toFloatArray());
            for (GgmlType t : types) {
                GgufTensorInfo info = f.tensor("m." + t);
                assertEquals(t, info.type());
                assertArrayEquals(new long[]{96, 2}, info.dims());
                assertEquals(0, info.offset() % 64, t + " offset aligned");
                assertArrayEquals(GgufWriter.encode(t, v), f.tensorData(info).toArray(ValueLayout.JAVA_BYTE), t + " bytes");
                FloatTensor ft = GgufTensors.of(f, info);
                assertEquals(t.name(), ft.typeName());
                float tol = switch (t) { case F32 -> 0; case F16 -> 2e-3f; case BF16 -> 2e-2f; case Q8_0 -> 0.03f; default -> 0.5f; };
                for (int i = 0; i < v.length; i++) assertEquals(v[i], ft.getFloat(i), tol * Math.max(1, Math.abs(v[i])), t + " " + i);
            }
            // file length: every tensor padded to 64
            assertEquals(f.dataStart() + 64 + 5 * 0 + Arrays.stream(types).mapToLong(t -> (t.bytesFor(192) + 63) / 64 * 64).sum(), f.fileSize());
        }
    }

    @Test void headerBytesAreWhatTheSpecSays() throws IOException {
        Path p = dir.resolve("h.gguf");
        new GgufWriter().putUInt32("k", 7).addTensor("x", new long[]{2}, GgmlType.F32, new float[]{1, 2}).write(p);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals('G', b.get(0)); assertEquals('G', b.get(1)); assertEquals('U', b.get(2)); assertEquals('F', b.get(3));
        assertEquals(3, b.getInt(4));
        assertEquals(1, b.getLong(8));   // tensors
        assertEquals(1, b.getLong(16));  // kv pairs
        assertEquals(1, b.getLong(24));  // key length
        assertEquals('k', b.get(32));
        assertEquals(4, b.getInt(33));   // uint32
        assertEquals(7, b.getInt(37));
        assertEquals(1, b.getLong(41));  // tensor name length
        assertEquals('x', b.get(49));
        assertEquals(1, b.getInt(50));   // n_dims
        assertEquals(2, b.getLong(54));
        assertEquals(0, b.getInt(62));   // F32
        assertEquals(0, b.getLong(66));  // offset
        // header ends at 74, data at 96 (aligned to 32)
        assertEquals(1f, b.getFloat(96));
        assertEquals(2f, b.getFloat(100));
        assertEquals(128, b.capacity());
    }

    @Test void writerRefusesWhatCannotBeRead() {
        var w = new GgufWriter();
        assertThrows(IllegalArgumentException.class, () -> w.addTensor("q", new long[]{33}, GgmlType.Q8_0, new float[33]));
        assertThrows(IllegalArgumentException.class, () -> w.putUInt32("general.alignment", 48));
        w.putString("a", "x");
        assertThrows(IllegalArgumentException.class, () -> w.putString("a", "y"));
    }

    @Test void unsupportedTensorTypeIsNamed() throws IOException {
        Path p = dir.resolve("q5.gguf");
        new GgufWriter().addTensor("w", new long[]{32}, GgmlType.Q5_0, () -> new byte[22]).write(p);
        try (GgufFile f = GgufFile.open(p)) {
            var e = assertThrows(ModelFormatException.class, () -> GgufTensors.of(f, f.tensor("w")));
            assertTrue(e.getMessage().contains("Q5_0") && e.getMessage().contains("w"), e.getMessage());
        }
    }

    static byte[] f32(float... v) { return Quantize.f32(v); }
}
