package glassbox.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class SettingsTest {
    @TempDir Path dir;

    @Test void roundTripsUnicodeAndKeepsRecentModelsUniqueAndBounded() throws Exception {
        Path f = dir.resolve("settings.properties");
        Settings s = Settings.load(f);
        s.put("prompt", "从前有一个小女孩 🙂\nline two");
        for (int i = 0; i < 12; i++) s.addRecent("/m/" + i);
        s.addRecent("/m/5");
        s.save();
        try (var files = Files.list(dir)) { assertEquals(1, files.count(), "no temp file left behind"); }
        Settings back = Settings.load(f);
        assertEquals("从前有一个小女孩 🙂\nline two", back.get("prompt", null));
        assertEquals(Settings.MAX_RECENT, back.recentModels().size());
        assertEquals("/m/5", back.recentModels().getFirst());
        assertEquals(1, back.recentModels().stream().filter("/m/5"::equals).count());
        assertNull(back.corruptNotice());
    }

    @Test void aCorruptFileIsSetAsideWithANotice() throws Exception {
        Path f = dir.resolve("settings.properties");
        Files.writeString(f, "prompt=\\uZZZZ broken escape\n");
        Settings s = Settings.load(f);
        assertNotNull(s.corruptNotice());
        assertTrue(Files.exists(Path.of(s.corruptNotice())), "the bad file is kept for inspection");
        assertFalse(Files.exists(f));
        assertEquals("default", s.get("prompt", "default"));
        s.put("prompt", "x");
        s.save();
        assertEquals("x", Settings.load(f).get("prompt", null));
    }
}
