package glassbox.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The JavaFX application. */
public final class GlassboxApplication extends Application {

    static void start(String[] args) { Application.launch(GlassboxApplication.class, args); }

    @Override public void start(Stage stage) {
        stage.setTitle("Glassbox");
        stage.setScene(new Scene(new Label("Glassbox"), 1280, 800));
        stage.show();
    }
}
