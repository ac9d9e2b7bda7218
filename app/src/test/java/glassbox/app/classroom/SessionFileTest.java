package glassbox.app.classroom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class SessionFileTest {
    @TempDir Path dir;

    SessionFile.Result load(String json) throws Exception {
        Path f = dir.resolve("s" + System.nanoTime() + ".glassbox.json");
        Files.writeString(f, json);
        return SessionFile.load(f, Locale.ENGLISH);
    }

    String failure(SessionFile.Result r) {
        return assertInstanceOf(SessionFile.Result.Failed.class, r).message();
    }

    @Test void saveThenLoadRoundTrips() throws Exception {
        Path model = Files.writeString(dir.resolve("stories260K.bin"), "x");
        // a prompt with quotes, a newline, Chinese, an emoji and a lone surrogate (escaped on write)
        var s = new Session(model.toString(), "Once \"upon\"\na time 从前 🙂 \uD800 end", 3, 5, 7, "head", "dark", "zh-CN");
        Path f = dir.resolve("sub/lesson.glassbox.json");
        SessionFile.saveAsync(s, f, Locale.ENGLISH).get(10, TimeUnit.SECONDS);
        var loaded = assertInstanceOf(SessionFile.Result.Loaded.class, SessionFile.load(f, Locale.ENGLISH));
        assertNull(loaded.notice());
        var back = loaded.session();
        assertEquals(s.modelPath(), back.modelPath());
        assertEquals("Once \"upon\"\na time 从前 🙂 \uD800 end", back.prompt());
        assertEquals(s, back);
        assertEquals(Locale.SIMPLIFIED_CHINESE, back.javaLocale());
        assertTrue(back.dark());
        try (var files = Files.list(f.getParent())) { assertEquals(1, files.count(), "no temp file left behind"); }
    }

    @Test void overwritingKeepsOneWholeFile() throws Exception {
        Path f = dir.resolve("a.glassbox.json");
        SessionFile.save(new Session(null, "first", 0, 0, -1, "tokenization", "light", "en"), f);
        SessionFile.save(new Session(null, "second", 1, 2, -1, "mask", "light", "en"), f);
        var l = assertInstanceOf(SessionFile.Result.Loaded.class, SessionFile.load(f, Locale.ENGLISH));
        assertEquals("second", l.session().prompt());
        assertNull(l.session().modelPath());
    }

    @Test void corruptFileGivesAClearMessage() throws Exception {
        String m = failure(load("{\"glassbox\": \"session\", \"version\": 1, \"prompt\": \"cut off"));
        assertTrue(m.startsWith("The file s") && m.contains("is not a Glassbox session: it is not valid JSON"), m);
        assertTrue(m.contains("offset"), m);
    }

    @Test void everyKindOfBadFileIsAMessageNotAnException() throws Exception {
        assertTrue(failure(load("{\"name\": \"tokenizer\"}")).contains("not a Glassbox session file"));
        assertTrue(failure(load("[1,2]")).contains("not valid JSON"));
        assertTrue(failure(load("")).contains("not valid JSON"));
        assertTrue(failure(load("{\"glassbox\":\"session\",\"version\":9,\"prompt\":\"\",\"selection\":{}}")).contains("newer Glassbox (format 9)"));
        assertTrue(failure(load("{\"glassbox\":\"session\",\"version\":1,\"prompt\":3,\"selection\":{}}")).contains("“prompt”"));
        assertTrue(failure(load("{\"glassbox\":\"session\",\"version\":1,\"prompt\":\"\",\"selection\":{\"layer\":1e9,\"head\":0,\"token\":0}}"))
                .contains("selection.layer"));
        assertTrue(failure(load("{\"glassbox\":\"session\",\"version\":1,\"prompt\":\"\",\"selection\":{\"layer\":0,\"head\":0,\"token\":0},\"theme\":[]}"))
                .contains("“theme”"));
        assertTrue(failure(load("[".repeat(100_000))).contains("not valid JSON"));
        Path bin = Files.write(dir.resolve("model.glassbox.json"), new byte[]{(byte) 0xC3, 0x28, 0, 1});
        assertTrue(failure(SessionFile.load(bin, Locale.ENGLISH)).contains("not UTF-8"));
        assertTrue(failure(SessionFile.load(dir.resolve("missing.json"), Locale.ENGLISH)).contains("does not exist"));
        assertTrue(failure(SessionFile.load(dir, Locale.ENGLISH)).startsWith("Could not read"));
    }

    @Test void missingModelLoadsWithANoticeInTheUsersLanguage() throws Exception {
        Path f = dir.resolve("b.glassbox.json");
        SessionFile.save(new Session("/nowhere/gone.gguf", "hi", 0, 0, -1, null, null, null), f);
        var l = assertInstanceOf(SessionFile.Result.Loaded.class, SessionFile.loadAsync(f, Locale.SIMPLIFIED_CHINESE).get(10, TimeUnit.SECONDS));
        assertTrue(l.notice().contains("/nowhere/gone.gguf") && l.notice().contains("已不存在"), l.notice());
        assertEquals("tokenization", l.session().viewId());
        Files.writeString(f, "{oops", StandardCharsets.UTF_8);
        assertTrue(failure(SessionFile.load(f, Locale.SIMPLIFIED_CHINESE)).contains("不是有效的 JSON"));
    }
}
