package glassbox.app.flow;

import glassbox.model.config.ModelConfig;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.HeadTrace;
import glassbox.model.trace.LayerTrace;
import glassbox.model.trace.Matrix;
import glassbox.views.CacheStrip;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Generation one token at a time with a KV cache: the prompt is fed once (prefill), then every step
 * samples a token, feeds it, and the cache gains exactly one K row and one V row per layer.
 */
public final class GenerationPane extends FlowPaneBase {
    private final Background worker = new Background("generation");
    private final Button generate = new Button(), step = new Button(), stop = new Button(), reset = new Button();
    private final Slider temperature = new Slider(0, 2, 0.8);
    private final Spinner<Integer> maxTokens = new Spinner<>(1, 4096, 32);
    private final TextFlow output = new TextFlow();
    private final CacheStrip cache = new CacheStrip();
    private final Label cacheInfo = new Label(), status = new Label();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final Random random = new Random(7);
    // session state below lives on the worker thread only
    private FlowModel.Decoder decoder;
    private float[] nextLogits;
    private int previous;
    private volatile boolean busy;
    private volatile int session;
    private final List<Integer> generated = new ArrayList<>();
    private int[] prompt = new int[0];
    private FlowModel sessionModel; // the model the session's decoder came from (FX thread)

    public GenerationPane(FlowSelection selection, FlowText text) {
        super(selection, text);
        generate.setText(text.get("gen.generate"));
        step.setText(text.get("gen.step"));
        stop.setText(text.get("gen.stop"));
        reset.setText(text.get("gen.reset"));
        generate.setId("gen-generate");
        step.setId("gen-step");
        stop.setId("gen-stop");
        cache.setId("gen-cache");
        cacheInfo.setId("gen-cache-info");
        cacheInfo.setWrapText(true);
        output.setId("gen-output");
        temperature.setPrefWidth(140);
        generate.setOnAction(e -> generate(maxTokens.getValue()));
        step.setOnAction(e -> step());
        stop.setOnAction(e -> stopRequested.set(true));
        reset.setOnAction(e -> { resetSession(); if (input != null) showPromptCache(input); });
        output.setPrefWidth(900);
        output.setStyle("-fx-font-size: 15px;");
        cache.setPrefSize(900, 300);
    }

    public CacheStrip cache() { return cache; }

    public boolean busy() { return busy; }

    public int generatedCount() { return generated.size(); }

    @Override public String id() { return "flow.generation"; }

    @Override public String titleKey() { return "tab.generation"; }

    @Override protected void render(FlowInput in) {
        // a new model with the same tokens is a new session too: the old decoder belongs to a model being closed
        if (!java.util.Arrays.equals(prompt, in.trace().tokens()) || in.model() != sessionModel) resetSession();
        boolean ready = in.model() != null;
        generate.setDisable(!ready);
        step.setDisable(!ready);
        HBox controls = new HBox(10, generate, step, stop, reset, new Label(text.get("gen.temperature")), temperature,
                new Label(text.get("gen.max")), maxTokens);
        controls.setAlignment(Pos.CENTER_LEFT);
        body.getChildren().setAll(heading(text.get("gen.title")), note(text.get("gen.note")), controls, status, output,
                heading(text.get("gen.cache.title")), note(text.get("gen.cache.note")), cacheInfo, cache);
        if (!ready) status.setText(text.get("gen.noModel"));
        showText();
        showPromptCache(in);
    }

    private ForwardTrace promptCacheOf; // the trace whose K/V rows the strip shows before the first step (FX thread)

    /**
     * Before the first step the strip shows the cache the prompt fills in one pass: the trace's own post-RoPE K and V
     * rows, which a decoder fed the prompt holds too. Built off the FX thread (a large model's is tens of MB).
     */
    private void showPromptCache(FlowInput in) {
        if (busy || !generated.isEmpty() || promptCacheOf == in.trace()) return;
        promptCacheOf = in.trace();
        int mine = session;
        worker.run(() -> promptCache(in.trace()), layers -> {
            if (mine != session || busy || !generated.isEmpty() || input != in) return;   // a step or a new prompt since
            ModelConfig c = in.trace().config();
            int length = in.trace().length();
            showCache(layers, 0, length, 2L * layers.size() * length * c.kvDim() * Float.BYTES, c, text.get("gen.cache.prompt") + " ");
        }, e -> {});
    }

    /** Per layer, the T × kvDim keys (after RoPE) and values of the trace's K/V heads, head by head as a cache row holds them. */
    static List<CacheStrip.LayerCache> promptCache(ForwardTrace t) {
        ModelConfig c = t.config();
        int T = t.length(), dh = c.headDim(), kvDim = c.kvDim();
        List<CacheStrip.LayerCache> out = new ArrayList<>();
        for (LayerTrace l : t.layers()) {
            float[] k = new float[T * kvDim], v = new float[T * kvDim];
            for (int g = 0; g < c.kvHeads(); g++) {
                HeadTrace h = l.heads().get(g * c.groupSize());   // the first query head of K/V head g reads its rows
                for (int r = 0; r < T; r++) {
                    for (int j = 0; j < dh; j++) {
                        k[r * kvDim + g * dh + j] = h.k().get(r, j);
                        v[r * kvDim + g * dh + j] = h.v().get(r, j);
                    }
                }
            }
            out.add(new CacheStrip.LayerCache(new Matrix(T, kvDim, k), new Matrix(T, kvDim, v)));
        }
        return out;
    }

    /** The model is being replaced: the session stops after its current step, and nothing it computes is shown. */
    @Override public void stopModelWork() { resetSession(); }

    @Override public void dispose() {
        super.dispose(); // resets the session through stopModelWork
        worker.close();
    }

    /** Forgets the session (the prompt changed, the model changed, or the user asked). */
    public void resetSession() {
        stopRequested.set(true);
        worker.cancelPending();
        prompt = input == null ? new int[0] : input.trace().tokens();
        sessionModel = input == null ? null : input.model();
        worker.submit(() -> { decoder = null; nextLogits = null; });
        session++;
        generated.clear();
        pieces.clear();
        cache.setCache(List.of(), 0);
        cacheInfo.setText("");
        promptCacheOf = null;
        status.setText("");
        showText();
    }

    /** One token: prefill first if needed, then sample, append, feed it. */
    public void step() { generate(1); }

    /** Up to n tokens, one at a time, each shown as it arrives; Stop ends it after the current step. */
    public void generate(int n) {
        if (input == null || input.model() == null || busy) return;
        FlowModel model = input.model();
        int[] promptIds = prompt.clone();
        float temp = (float) temperature.getValue();
        stopRequested.set(false);
        busy = true;
        int mine = session;
        worker.submit(() -> {
            try {
                for (int i = 0; i < n && !stopRequested.get() && session == mine; i++) {
                    if (decoder == null) {
                        decoder = model.newDecoder();
                        for (int id : promptIds) nextLogits = decoder.step(id);
                        previous = promptIds.length == 0 ? 0 : promptIds[promptIds.length - 1];
                        publish(model, -1, 0, mine);
                    }
                    if (decoder.position() >= model.config().contextLength()) {
                        Platform.runLater(() -> status.setText(text.get("gen.full")));
                        break;
                    }
                    int next = NextTokenDistribution.sample(NextTokenDistribution.of(nextLogits, temp, 0, 1), random);
                    int before = decoder.position();
                    nextLogits = decoder.step(next);
                    publish(model, next, before, mine);
                    previous = next;
                    if (next == model.eos()) break;
                }
            } catch (RuntimeException e) { // a session reset since (e.g. its model replaced) fails quietly
                Platform.runLater(() -> { if (mine == session) status.setText(String.valueOf(e.getMessage())); });
            } finally {
                Platform.runLater(() -> busy = false);
            }
        });
    }

    /** Copies the cache on the worker, then draws it on the FX thread; rows from newFrom on are new. */
    private void publish(FlowModel model, int token, int newFrom, int mySession) {
        List<CacheStrip.LayerCache> layers = new ArrayList<>();
        for (int l = 0; l < decoder.layers(); l++) layers.add(new CacheStrip.LayerCache(decoder.keys(l), decoder.values(l)));
        long bytes = decoder.bytes();
        int length = decoder.position();
        String piece = token < 0 ? null : model.decode(previous, token);
        Platform.runLater(() -> {
            if (mySession != session) return; // published by a session the user has reset since
            if (piece != null) { generated.add(token); pieces.add(piece); }
            showCache(layers, newFrom, length, bytes, model.config(), "");
            showText();
        });
    }

    /** The strip and its caption: rows per layer, bytes, how many rows were reused and how many computed, what a row is. */
    private void showCache(List<CacheStrip.LayerCache> layers, int newFrom, int length, long bytes, ModelConfig c, String lead) {
        cache.setCache(layers, newFrom);
        cacheInfo.setText(lead + text.get("gen.cache.info", length, layers.size(), String.format(Locale.ROOT, "%,d", bytes),
                newFrom, length - newFrom) + " " + text.get("gen.cache.row", c.kvHeads(), c.headDim(), c.kvDim(), c.heads()));
    }

    private final List<String> pieces = new ArrayList<>();

    private void showText() {
        List<javafx.scene.Node> nodes = new ArrayList<>();
        nodes.add(new Text(input == null ? "" : input.model() != null ? input.model().decode(input.trace().tokens())
                : String.join("", input.pieces())));
        int i = 0;
        for (String p : pieces) {
            if (p == null) continue;
            Text t = new Text(p);
            t.setFill(i++ % 2 == 0 ? javafx.scene.paint.Color.web("#2b6cb0") : javafx.scene.paint.Color.web("#d9822b"));
            nodes.add(t);
        }
        output.getChildren().setAll(nodes);
    }
}
