package glassbox.app.panes;

import glassbox.views.LiveScrollPane;
import glassbox.app.Snapshot;
import glassbox.app.ViewContext;
import glassbox.model.tokenizer.Tokenizer;
import glassbox.views.MergeStepper;
import glassbox.views.TokenStrip;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.layout.VBox;

/** The prompt as token chips, and the tokenizer's way there (chunks, bytes, each merge) step by step. */
public final class TokenizationPane extends PaneBase {
    private final TokenStrip strip = new TokenStrip();
    private final MergeStepper stepper = new MergeStepper();
    private final Label stats = note(""), notice = note(""), kind = note("");
    private final ScrollPane scroll;

    public TokenizationPane(ViewContext ctx) {
        super(ctx);
        strip.setTooltipFormat(t("tokens.tooltip"));
        strip.setOnTokenClicked(i -> sel.queryToken().set(i));
        notice.getStyleClass().add("notice");
        stepper.setTexts(new MergeStepper.Texts(t("merge.chunks"), t("merge.initial"), t("merge.step"), t("merge.play"),
                t("merge.pause"), t("merge.tooLong")));
        VBox body = column(10);
        body.getChildren().addAll(heading(t("tokens.heading")), stats, notice, strip, note(t("tokens.legend")), new Separator(),
                heading(t("merge.heading")), kind, stepper);
        scroll = new LiveScrollPane(body);
        scroll.setFitToWidth(true);
        subscriptions.on(sel.queryToken(), (o, a, b) -> refresh());
    }

    @Override public String id() { return "tokenization"; }

    @Override public String titleKey() { return "view.tokenization"; }

    @Override public Node node() { return scroll; }

    public TokenStrip strip() { return strip; }

    public MergeStepper stepper() { return stepper; }

    private Snapshot stepsShown;

    @Override protected void render(Snapshot s) {
        Tokenizer tok = s.model().tokenizer();
        int[] ids = s.ok() ? s.tokens() : s.steps() == null ? new int[0] : s.steps().ids();
        if (strip.tokens().size() != ids.length || stepsShown != s) strip.setTokens(Tokens.chips(tok, ids));
        strip.setSelected(ids.length == 0 ? -1 : sel.queryIn(ids.length));
        stats.setText(t("tokens.stats", s.prompt().codePointCount(0, s.prompt().length()), ids.length, tok.vocabSize()));
        notice.setText(s.notice() == null ? "" : s.notice());
        notice.setVisible(s.notice() != null);
        notice.setManaged(s.notice() != null);
        if (stepsShown != s) {
            kind.setText(t("merge.kind", tok.kind(), s.steps() == null ? 0 : s.steps().merges().size()));
            stepper.setSteps(s.steps(), Tokens.byteLevel(tok));
            stepsShown = s;
        }
    }
}
