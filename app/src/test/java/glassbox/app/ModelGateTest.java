package glassbox.app;

import glassbox.app.flow.FlowModel;
import glassbox.model.config.ModelConfig;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.Matrix;
import glassbox.model.transformer.Ablation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** A retired gate refuses new calls without touching the model and closes it only after the last call in flight returned. */
class ModelGateTest {
    /** Records every call that reached the model, and whether it was closed by then; trace can be held mid-call. */
    private static final class Recording implements ModelHandle {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1), release = new CountDownLatch(1);
        volatile boolean hold, closed;

        @Override public ModelConfig config() { return FakeModel.CONFIG; }
        @Override public glassbox.model.tokenizer.Tokenizer tokenizer() { return FakeModel.TOKENIZER; }
        @Override public ForwardTrace trace(int[] tokens) { reached("pass"); return FakeModel.build(tokens); }
        @Override public long parameterCount() { return 1; }
        @Override public void close() { events.add("close"); closed = true; }

        private void reached(String what) { events.add(what + (closed ? " AFTER CLOSE" : "")); }

        @Override public FlowModel flowModel() {
            return new FlowModel() {
                @Override public ModelConfig config() { return FakeModel.CONFIG; }
                @Override public String piece(int id) { return "p" + id; }
                @Override public String decode(int previous, int id) { reached("decode"); return "d" + id; }
                @Override public String decode(int[] ids) { return "d" + ids[ids.length - 1]; } // the tokenizer only
                @Override public int[] encodePrompt(String text) { return new int[]{1}; }
                @Override public int eos() { return 2; }
                @Override public ForwardTrace trace(int[] tokens, Ablation ablation) {
                    reached("trace");
                    if (hold) { entered.countDown(); await(release); }
                    reached("trace returns");
                    return FakeModel.build(tokens);
                }
                @Override public float[] logitLens(float[] residual) { reached("lens"); return residual; }
                @Override public Decoder newDecoder() {
                    reached("new decoder");
                    return new Decoder() {
                        int position;
                        @Override public float[] step(int token) { reached("step"); position++; return new float[4]; }
                        @Override public int position() { return position; }
                        @Override public int layers() { return 1; }
                        @Override public Matrix keys(int layer) { return new Matrix(position, 1, new float[position]); }
                        @Override public Matrix values(int layer) { return keys(layer); }
                        @Override public long bytes() { return position * 8L; }
                    };
                }
            };
        }
    }

    private static void await(CountDownLatch l) {
        try { assertTrue(l.await(10, TimeUnit.SECONDS)); } catch (InterruptedException e) { throw new AssertionError(e); }
    }

    @Test void aModelInUseIsClosedOnlyAfterTheCallInFlightReturns() throws Exception {
        Recording m = new Recording();
        ModelGate gate = new ModelGate(m);
        FlowModel calls = gate.flowModel();
        m.hold = true;
        var inFlight = CompletableFuture.supplyAsync(() -> calls.trace(new int[]{1, 5}, Ablation.NONE));
        await(m.entered);
        assertEquals(1, gate.callsInFlight());

        gate.retire(m::close);
        assertEquals(List.of("trace"), m.events, "not closed while a call is in flight");
        assertThrows(CancellationException.class, () -> calls.trace(new int[]{1}, Ablation.NONE), "a new call is refused");
        assertThrows(CancellationException.class, () -> calls.logitLens(new float[4]));
        assertThrows(CancellationException.class, calls::newDecoder);
        assertEquals(List.of("trace"), m.events, "refused calls never reach the model");

        m.release.countDown();
        assertEquals(2, inFlight.get(10, TimeUnit.SECONDS).length(), "the call in flight completes normally");
        assertEquals(List.of("trace", "trace returns", "close"), m.events, "closed once, right after the last call returned");
        gate.retire(m::close);
        assertEquals(1, m.events.stream().filter("close"::equals).count(), "retiring twice closes once");
    }

    @Test void anIdleModelIsClosedAtOnceAndADecoderOfItStops() {
        Recording m = new Recording();
        ModelGate gate = new ModelGate(m);
        FlowModel.Decoder d = gate.flowModel().newDecoder();
        d.step(1);
        assertEquals(1, d.position());
        gate.retire(m::close);
        assertTrue(m.closed, "nothing in flight: closed at once");
        assertThrows(CancellationException.class, () -> d.step(2), "the session's next step is refused");
        assertThrows(CancellationException.class, () -> gate.flowModel().decode(1, 2));
        assertThrows(CancellationException.class, () -> d.keys(0));
        assertEquals(List.of("new decoder", "step", "close"), m.events);
        assertEquals(0, gate.callsInFlight());
        assertEquals("p7", gate.flowModel().piece(7), "labels (tokenizer on the heap) still read");
        assertEquals("d5", gate.flowModel().decode(new int[]{5}), "a whole prompt's text too (FX thread)");
    }

    @Test void aModelWithoutFlowCallsHasNoDoor() {
        FakeModel m = new FakeModel(0);
        assertNull(new ModelGate(m).flowModel());
    }
}
