package glassbox.app.classroom;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** The classroom controls the main window shows: Present (F5) and the Session menu. */
public final class ClassroomActions {
    private final ClassroomText text;
    private final Locale locale;

    public ClassroomActions(Locale locale) {
        this.locale = locale;
        this.text = new ClassroomText(locale);
    }

    /** Starts presentation mode over {@code owner}, borrowing the window's views by id. */
    public Button presentButton(Supplier<Stage> owner, Function<String, Node> viewById, Supplier<String> prompt,
                                Runnable onStop) {
        Button b = new Button(text.get("ui.present"), new FontIcon("mdi2p-presentation-play"));
        b.setId("present");
        b.setTooltip(new Tooltip(text.get("ui.presentTip")));
        b.setOnAction(e -> {
            var p = new PresentationMode(owner.get(), viewById, locale);
            p.setPrompt(prompt.get());
            p.setOnStop(onStop);
            p.start();
        });
        return b;
    }

    /** Save and open a session (model, prompt, selection, view, theme, language); files are read off the FX thread. */
    public MenuButton sessionMenu(Supplier<Stage> owner, Supplier<Session> current, Consumer<SessionFile.Result.Loaded> apply,
                                  Consumer<String> message) {
        MenuItem save = new MenuItem(text.get("ui.sessionSave"));
        save.setId("session-save");
        MenuItem open = new MenuItem(text.get("ui.sessionOpen"));
        open.setId("session-open");
        save.setOnAction(e -> {
            File f = chooser().showSaveDialog(owner.get());
            if (f == null) return;
            Path p = f.getName().endsWith(SessionFile.EXTENSION) ? f.toPath() : f.toPath().resolveSibling(f.getName() + SessionFile.EXTENSION);
            SessionFile.saveAsync(current.get(), p, locale).whenComplete((path, err) -> Platform.runLater(() ->
                    message.accept(err == null ? text.get("ui.sessionSaved", path) : text.get("session.saveFailed", p, Exporter.rootMessage(err)))));
        });
        open.setOnAction(e -> {
            File f = chooser().showOpenDialog(owner.get());
            if (f == null) return;
            SessionFile.loadAsync(f.toPath(), locale).thenAccept(r -> Platform.runLater(() -> {
                switch (r) {
                    case SessionFile.Result.Failed failed -> message.accept(failed.message());
                    case SessionFile.Result.Loaded loaded -> apply.accept(loaded);
                }
            }));
        });
        MenuButton menu = new MenuButton(text.get("ui.session"), new FontIcon("mdi2c-content-save-outline"), save, open);
        menu.setId("session-menu");
        return menu;
    }

    private FileChooser chooser() {
        FileChooser fc = new FileChooser();
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(text.get("ui.sessionFilter"), "*" + SessionFile.EXTENSION));
        return fc;
    }
}
