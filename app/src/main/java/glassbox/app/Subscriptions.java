package glassbox.app;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Listeners a view puts on state that outlives it (the shared selection), removed together when the view
 * is disposed: a window rebuilt for a language or theme switch must not leave its panes redrawing.
 */
public final class Subscriptions {
    private final List<Runnable> removers = new ArrayList<>();

    public <T> void on(ObservableValue<T> value, ChangeListener<? super T> listener) {
        value.addListener(listener);
        removers.add(() -> value.removeListener(listener));
    }

    public void cancelAll() {
        removers.forEach(Runnable::run);
        removers.clear();
    }
}
