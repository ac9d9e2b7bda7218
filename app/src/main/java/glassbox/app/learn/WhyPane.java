package glassbox.app.learn;

import glassbox.model.arithmetic.ArchSpec;
import glassbox.model.arithmetic.DerivationFormat;
import glassbox.model.arithmetic.Presets;
import glassbox.model.arithmetic.why.*;
import glassbox.model.config.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * The "Why?" cards: each classic question answered by a demonstration computed on a background
 * thread (never the FX thread), with a link to the view where it shows on the real model.
 */
public final class WhyPane extends BorderPane {
    private static final long SEED = 42;
    /** Seeded demos give the same result every time: a rebuilt window (language, theme) reuses them. */
    private static final java.util.Map<String, Object> DONE = new java.util.concurrent.ConcurrentHashMap<>();

    /** One card: its text key, the view it links to, the computation and how to draw its result. */
    private record Card(String key, String linkedView, Supplier<Object> demo, Function<Object, Node> render, boolean readsModel) {
        /** A seeded demo: the same result every time, whatever model is loaded. */
        Card(String key, String linkedView, Supplier<Object> demo, Function<Object, Node> render) { this(key, linkedView, demo, render, false); }
    }

    private final Supplier<ModelConfig> loadedModel;
    private final LearnText text;
    private final List<Card> cards = new ArrayList<>();
    private final AtomicInteger finished = new AtomicInteger();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        var t = new Thread(r, "glassbox-why-cards");
        t.setDaemon(true);
        return t;
    });
    private final FlowPane grid = new FlowPane(12, 12);
    private Consumer<String> onOpenView = v -> {};

    public WhyPane(Supplier<ModelConfig> loadedModel, Locale locale) {
        this.loadedModel = loadedModel == null ? () -> null : loadedModel;
        this.text = new LearnText(locale);
        defineCards();
        grid.setPadding(new Insets(12));
        grid.setId("why-cards");
        var scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        for (Card c : cards) grid.getChildren().add(card(c));
        // the demos cost about a CPU-second: run them when the pane is first shown, not beside every first recompute
        grid.sceneProperty().addListener((o, a, scene) -> { if (scene != null) startPending(); });
    }

    private final List<Runnable> pending = new ArrayList<>();

    private void startPending() {
        pending.forEach(Runnable::run);
        pending.clear();
    }

    public void setOnOpenView(Consumer<String> onOpenView) { this.onOpenView = onOpenView == null ? v -> {} : onOpenView; }

    /** The view ids the cards link to, in card order. */
    public List<String> linkedViews() { return cards.stream().map(Card::linkedView).toList(); }

    /** How many demonstrations have finished (for tests and a status line). */
    public int finishedCards() { return finished.get(); }

    public int cardCount() { return cards.size(); }

    /** The window was replaced: demos not yet started never run, and the worker thread ends. */
    public void dispose() { worker.shutdownNow(); }

    private ArchSpec spec() {
        ModelConfig c = loadedModel.get();
        return c != null ? ArchSpec.from(c) : Presets.get("llama2-7b");
    }

    private void defineCards() {
        cards.add(new Card("scaling", "attention", () -> ScalingDemo.run(SEED), o -> {
            var r = (ScalingDemo.Result) o;
            var lines = new VBox(2);
            for (var row : r.rows()) lines.getChildren().add(small(text.t("why.scaling.row", row.d(), f(row.variance(), 1),
                    f(row.entropyRaw(), 2), f(row.entropyScaled(), 2), f(r.maxEntropy(), 2))));
            return new VBox(4, lines, new HBox(8, labelled(text.t("why.scaling.raw"), MiniCharts.bars(r.histogramRaw(), Color.INDIANRED, false, 150, 50)),
                    labelled(text.t("why.scaling.scaled"), MiniCharts.bars(r.histogramScaled(), Color.STEELBLUE, false, 150, 50))));
        }));
        cards.add(new Card("tied", "attention", () -> TiedQkDemo.run(SEED), o -> {
            var r = (TiedQkDemo.Result) o;
            return new VBox(4, small(text.t("why.tied.result", f(r.asymmetryTied(), 3), f(r.asymmetryUntied(), 3),
                    f(r.diagonalWeightTied(), 2), f(r.diagonalWeightUntied(), 2))),
                    new HBox(8, labelled(text.t("why.tied.tied"), MiniCharts.heatmap(r.attentionTied(), 8)),
                            labelled(text.t("why.tied.untied"), MiniCharts.heatmap(r.attentionUntied(), 8))));
        }));
        cards.add(new Card("multihead", "attention", () -> MultiHeadDemo.run(SEED), o -> {
            var r = (MultiHeadDemo.Result) o;
            var maps = new HBox(6);
            for (var p : r.patterns()) maps.getChildren().add(MiniCharts.heatmap(p, 6));
            return new VBox(4, small(text.t("why.multihead.result", r.paramsOneHead(), r.paramsMultiHead(), f(r.meanPairwiseTv(), 2))), maps);
        }));
        cards.add(new Card("decoder", "mask", () -> RankDemo.run(SEED), o -> {
            var r = (RankDemo.Result) o;
            return new VBox(4, small(text.t("why.decoder.result", r.n(), r.headDim(), r.bidirectionalRank(), r.causalRank())),
                    new HBox(8, labelled(text.t("why.decoder.bi"), MiniCharts.heatmap(r.bidirectional(), 7)),
                            labelled(text.t("why.decoder.causal"), MiniCharts.heatmap(r.causal(), 7))));
        }));
        cards.add(new Card("norms", "residual", () -> NormDemo.run(SEED), o -> {
            var r = (NormDemo.Result) o;
            int last = r.depths().length - 1;
            return new VBox(4, small(text.t("why.norms.ln", f(r.layerNormChange(), 6), f(r.batchNormChange(), 3), f(r.batchNormSingle(), 3))),
                    small(text.t("why.norms.pre", r.depths()[last], f(r.preNormGradient()[last], 2), f(r.postNormGradient()[last], 3),
                            f(r.preNormStream()[last], 1), f(r.postNormStream()[last], 1))),
                    new HBox(8, labelled(text.t("why.norms.pre_bars"), MiniCharts.bars(r.preNormGradient(), Color.SEAGREEN, false, 120, 50)),
                            labelled(text.t("why.norms.post_bars"), MiniCharts.bars(r.postNormGradient(), Color.DARKORANGE, false, 120, 50))));
        }));
        cards.add(new Card("kvcache", "kvcache", () -> AttentionVariantsDemo.run(spec()), o -> {
            var r = (AttentionVariantsDemo.Result) o;
            double[] g = new double[r.growth().length];
            for (int i = 0; i < g.length; i++) g[i] = r.growth()[i];
            var kv = r.variants().stream().filter(v -> v.kvHeads() == r.spec().kvHeads()).findFirst().orElse(r.variants().getFirst());
            return new VBox(4, small(text.t("why.kvcache.result", r.spec().name(), DerivationFormat.human(kv.kvBytesPerToken()),
                    r.spec().seq(), DerivationFormat.human(kv.kvBytesSequence()))), MiniCharts.bars(g, Color.STEELBLUE, false, 260, 50));
        }, true));
        cards.add(new Card("gqa", "kvcache", () -> AttentionVariantsDemo.run(spec()), o -> {
            var r = (AttentionVariantsDemo.Result) o;
            var box = new VBox(2);
            double[] bytes = new double[r.variants().size()];
            for (int i = 0; i < bytes.length; i++) {
                var v = r.variants().get(i);
                bytes[i] = v.kvBytesPerToken();
                box.getChildren().add(small(text.t("why.gqa.row", v.name(), v.kvHeads(), DerivationFormat.human(v.kvBytesPerToken()),
                        DerivationFormat.human(v.kvBytesSequence()))));
            }
            box.getChildren().add(MiniCharts.bars(bytes, Color.MEDIUMPURPLE, false, 150, 50));
            return box;
        }, true));
        cards.add(new Card("positions", "positions", () -> PositionsDemo.run(SEED), o -> {
            var r = (PositionsDemo.Result) o;
            var box = new VBox(2);
            for (int i = 0; i < r.offsets().length; i++) box.getChildren().add(small(text.t("why.positions.row", r.offsets()[i],
                    sci(r.ropeSpread()[i]), f(r.sinusoidalSpread()[i], 1), f(r.learnedSpread()[i], 1))));
            double[] curve = r.ropeByOffset().clone();
            double min = 0;
            for (double v : curve) min = Math.min(min, v);
            for (int i = 0; i < curve.length; i++) curve[i] -= min;
            box.getChildren().add(labelled(text.t("why.positions.curve"), MiniCharts.bars(curve, Color.TEAL, false, 200, 50)));
            return box;
        }));
        cards.add(new Card("tokenization", "tokenization", () -> new Object[] {BpeDemo.train(BpeDemo.sennrichCorpus(), 6), UnigramDemo.run()}, o -> {
            var pair = (Object[]) o;
            @SuppressWarnings("unchecked") var merges = (List<BpeDemo.Merge>) pair[0];
            var u = (UnigramDemo.Result) pair[1];
            var box = new VBox(2, small(text.t("why.tokenization.bpe")));
            int i = 1;
            for (var m : merges) box.getChildren().add(small(i++ + ". " + m.left() + " + " + m.right() + " → " + m.merged() + "  (" + m.count() + ")"));
            box.getChildren().add(small(text.t("why.tokenization.unigram", u.text())));
            for (var s : u.all()) box.getChildren().add(small("  " + String.join(" | ", s.pieces()) + "  P = " + s.probability()));
            box.getChildren().add(small(text.t("why.tokenization.best", String.join(" | ", u.best().pieces()), u.best().probability().toString(),
                    u.total().toString(), u.share().toString())));
            return box;
        }));
        cards.add(new Card("architectures", "attention", () -> ArchitecturesDemo.run(SEED), o -> {
            var r = (ArchitecturesDemo.Result) o;
            return new VBox(4, small(text.t("why.architectures.result", r.crossQ().toString(), r.crossK().toString(),
                    r.crossV().toString(), r.crossWeights().toString())),
                    new HBox(8, labelled(text.t("why.architectures.enc"), MiniCharts.heatmap(r.encoderSelf(), 9)),
                            labelled(text.t("why.architectures.dec"), MiniCharts.heatmap(r.decoderSelf(), 9)),
                            labelled(text.t("why.architectures.cross"), MiniCharts.heatmap(r.cross(), 9))));
        }));
    }

    private Node card(Card c) {
        var title = new Label(text.t("why." + c.key() + ".title"));
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 1.1em;");
        title.setWrapText(true);
        var body = new Label(text.t("why." + c.key() + ".body"));
        body.setWrapText(true);
        var result = new StackPane(new Label(text.t("why.computing")));
        result.setId("why-result-" + c.key());
        var link = new Hyperlink(text.t("why.open_view"));
        link.setOnAction(e -> onOpenView.accept(c.linkedView()));
        var rerun = new Button(text.t("why.rerun"));
        rerun.setOnAction(e -> run(c, result, false));
        var box = new CardBox(title, body, result, new HBox(8, link, rerun));
        box.setId("why-card-" + c.key());
        box.setPadding(new Insets(10));
        box.setPrefWidth(420);
        box.setStyle("-fx-border-color: #c8ccd0; -fx-border-radius: 6; -fx-background-radius: 6;");
        pending.add(() -> run(c, result, true));
        return box;
    }

    private void run(Card c, StackPane result, boolean first) {
        worker.submit(() -> {
            Object r;
            try { r = first && !c.readsModel() ? DONE.computeIfAbsent(c.key(), k -> c.demo().get()) : c.demo().get(); }
            catch (RuntimeException e) { r = e; }
            Object done = r;
            Platform.runLater(() -> {
                result.getChildren().setAll(done instanceof RuntimeException e
                        ? small(text.t("why.failed", String.valueOf(e.getMessage()))) : c.render().apply(done));
                if (first) finished.incrementAndGet();
            });
        });
    }

    /** A fixed-width card whose preferred height is that of its wrapped text at that width (FlowPane asks with width −1). */
    private static final class CardBox extends VBox {
        CardBox(Node... children) { super(6, children); }

        @Override protected double computePrefHeight(double width) { return super.computePrefHeight(width < 0 ? getPrefWidth() : width); }

        @Override protected double computeMinHeight(double width) { return computePrefHeight(width); }
    }

    private static Label small(String s) {
        var l = new Label(s);
        l.setWrapText(true);
        return l;
    }

    private static VBox labelled(String s, Node n) { return new VBox(2, new Label(s), n); }

    private String f(double v, int digits) { return String.format(text.locale(), "%." + digits + "f", v); }

    private String sci(double v) { return String.format(text.locale(), "%.1e", v); }
}
