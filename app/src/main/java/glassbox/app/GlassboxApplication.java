package glassbox.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import glassbox.model.io.ModelFiles;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The JavaFX application: one window over one {@link AppState}; rebuilt in place when language or theme change. */
public final class GlassboxApplication extends Application {
    static final String DEFAULT_PROMPT = "It is a truth universally acknowledged, that a single man in possession of a good fortune";

    private AppState state;
    private Stage stage;

    /** Loaded once before launch (a second load would miss a corrupt file's notice: the first one moved it aside). */
    private static Settings launchSettings;

    static void start(String[] args) {
        StartupTiming.mark("launch");
        launchSettings = Settings.load();
        EngineWarmup.start(firstModel(List.of(args), launchSettings), launchSettings.get("prompt", DEFAULT_PROMPT));
        Application.launch(GlassboxApplication.class, args);
    }

    private MainWindow window;

    @Override public void start(Stage stage) {
        this.stage = stage;
        StartupTiming.mark("JavaFX started");
        Settings settings = launchSettings != null ? launchSettings : Settings.load();
        launchSettings = null;
        state = new AppState(settings, EngineModel::open, 6);
        state.promptChanged(settings.get("prompt", DEFAULT_PROMPT));
        Path first = firstModel(getParameters().getRaw(), settings);
        if (first != null) state.openModel(first); // loads on its thread while the window is built; the window picks it up
        applyTheme(state.dark());
        StartupTiming.mark("theme");
        MainWindow w = window = new MainWindow(state, this::rebuild);
        StartupTiming.mark("window built");
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(w.root(), Math.min(1600, screen.getWidth()), Math.min(1000, screen.getHeight()));
        scene.getStylesheets().add(css());
        scene.setFill(windowFill(state.dark()));
        stage.setScene(scene);
        stage.setTitle(state.text().get("app.title"));
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        StartupTiming.mark("scene set");
        stage.show();
        StartupTiming.mark("window shown");
    }

    /** The model to open at start: a path argument, the last model, else the shipped default model. */
    static Path firstModel(List<String> args, Settings settings) {
        if (!args.isEmpty()) return Path.of(args.getFirst());
        String last = settings.get("model", null);
        if (last != null && Files.isRegularFile(Path.of(last))) return Path.of(last);
        Path def = ModelFiles.defaultModel();
        return Files.isRegularFile(def) ? def : null;
    }

    /** The app's look on a scene built outside {@link #start} (benchmarks, load tests): the theme and the window's stylesheet. */
    public static void style(Scene scene, boolean dark) {
        applyTheme(dark);
        scene.getStylesheets().add(css());
        scene.setFill(windowFill(dark));
    }

    /**
     * The window's background, painted by the scene instead of the root pane (app.css clears the root's): the software
     * renderer clears every repainted region to the scene fill anyway, so a root fill painted the same pixels twice.
     * The themes' -color-bg-default.
     */
    static javafx.scene.paint.Color windowFill(boolean dark) {
        return javafx.scene.paint.Color.web(dark ? "#0d1117" : "#ffffff");
    }

    static String css() { return GlassboxApplication.class.getResource("app.css").toExternalForm(); }

    static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    private void rebuild() {
        applyTheme(state.dark());
        stage.getScene().setFill(windowFill(state.dark()));
        if (window != null) window.dispose();
        MainWindow w = window = new MainWindow(state, this::rebuild);
        stage.getScene().setRoot(w.root());
        stage.setTitle(state.text().get("app.title"));
    }

    @Override public void stop() { if (state != null) state.close(); }
}
