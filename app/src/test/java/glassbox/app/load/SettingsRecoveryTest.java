package glassbox.app.load;

import glassbox.app.AppState;
import glassbox.app.ModelHandle;
import glassbox.app.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static glassbox.app.load.LoadHarness.fxRun;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Nothing lost: what the user does (prompt, selection, model) is written as they work, without an
 * explicit save or a clean exit, and a new app state on the same folder gets it all back; writes leave
 * no temp files; a corrupt file is set aside with a notice and the app carries on.
 */
@ExtendWith(ApplicationExtension.class) // AppState's listeners run on the FX thread
class SettingsRecoveryTest {
    @TempDir Path dir;

    @Test void workInProgressComesBackAfterACrash() throws Exception {
        Path file = dir.resolve("settings.properties");
        Path model = LoadHarness.stories260K();
        AppState first = new AppState(Settings.load(file), WatchedModelOpener.INSTANCE, 4);
        String prompt = "从前 🙂 Lily\nsaw a cat";
        fxRun(() -> {
            for (int i = 1; i <= prompt.length(); i++) first.promptChanged(prompt.substring(0, i)); // typed, not pasted
            first.selection().select(3, 5);
            first.selection().queryToken().set(2);
        });
        fxRun(() -> first.openModel(model));
        LoadHarness.waitUntil(() -> first.model() != null && prompt.equals(Settings.load(file).get("prompt", null))
                && model.toAbsolutePath().toString().equals(Settings.load(file).get("model", null))
                && Settings.load(file).getInt("head", -1) == 5, "the work to reach the disk");
        // a crash: no close(), no final save; the state is simply abandoned
        try (var files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertEquals(List.of("settings.properties"), names, "no temp file left behind by the background saves");
        }
        Settings back = Settings.load(file);
        assertNull(back.corruptNotice());
        AppState second = new AppState(back, WatchedModelOpener.INSTANCE, 4);
        try {
            assertEquals(prompt, back.get("prompt", null));
            assertEquals(3, second.selection().layer().get());
            assertEquals(5, second.selection().head().get());
            assertEquals(2, second.selection().queryToken().get());
            assertEquals(model.toAbsolutePath().toString(), back.get("model", null));
            assertEquals(model.toAbsolutePath().toString(), back.recentModels().getFirst());
        } finally {
            fxRun(second::close);
            fxRun(first::close);
        }
    }

    @Test void manyQuickSavesLeaveOneCompleteFile() throws Exception {
        Path file = dir.resolve("settings.properties");
        Settings s = Settings.load(file);
        // writers racing like the app's saver and its exit save; every file seen must parse completely
        Thread[] writers = new Thread[2];
        for (int w = 0; w < writers.length; w++) {
            int id = w;
            writers[w] = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    s.put("prompt", ("writer " + id + " edit " + i + " ").repeat(50));
                    try { s.save(); } catch (Exception e) { throw new AssertionError(e); }
                }
            });
            writers[w].start();
        }
        int reads = 0;
        while (writers[0].isAlive() || writers[1].isAlive()) {
            if (Files.exists(file)) {
                Settings seen = Settings.load(file);
                assertNull(seen.corruptNotice(), "a reader never sees half a file");
                String p = seen.get("prompt", "");
                assertTrue(p.isEmpty() || p.endsWith(" "), "the prompt is whole: " + p.length() + " chars");
                reads++;
            }
        }
        for (Thread t : writers) t.join();
        assertTrue(reads > 0);
        try (var files = Files.list(dir)) { assertEquals(1, files.count(), "no temp files left"); }
        assertTrue(Settings.load(file).get("prompt", "").endsWith("edit 199 "));
    }

    @Test void aTruncatedOrBinaryFileIsSetAsideAndTheAppCarriesOn() throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.write(file, new byte[]{'p', 'r', 'o', 'm', 'p', 't', '=', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0, '\\', 'u', '1'});
        Settings s = Settings.load(file);
        assertNotNull(s.corruptNotice(), "the user is told");
        assertTrue(Files.exists(Path.of(s.corruptNotice())), "the bad file is kept for inspection");
        AppState state = new AppState(s, WatchedModelOpener.INSTANCE, 4);
        try {
            assertEquals(0, state.selection().layer().get(), "defaults, not a crash");
            fxRun(() -> state.promptChanged("fresh start"));
            LoadHarness.waitUntil(() -> "fresh start".equals(Settings.load(file).get("prompt", null)), "a new good file");
        } finally {
            fxRun(state::close);
        }
    }

    /** Opens the real engine for the state under test. */
    enum WatchedModelOpener implements glassbox.app.ModelOpener {
        INSTANCE;
        @Override public ModelHandle open(Path file) throws Exception { return new WatchedModel(file, 0); }
    }
}
