package glassbox.model.json;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class JsonTest {

    @Test
    void parsesEveryValueKind() {
        Object v = Json.parse(" {\"a\": [1, -2, 3.5, 1e3, -0.25E-2, true, false, null], \"b\": {\"c\": \"d\"}, \"e\": \"\"} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of(1L, -2L, 3.5, 1000.0, -0.0025, true, false), ((List<?>) m.get("a")).subList(0, 7));
        assertNull(((List<?>) m.get("a")).get(7));
        assertEquals(Map.of("c", "d"), m.get("b"));
        assertEquals("", m.get("e"));
        assertEquals(List.of("a", "b", "e"), List.copyOf(m.keySet()), "key order is kept");
    }

    @Test
    void decodesEscapesAndSurrogatePairs() {
        assertEquals("\"\\/\b\f\n\r\t", Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""));
        assertEquals("é😀", Json.parse("\"\\u00e9\\ud83d\\ude00\""));
        assertEquals("Ġthe", Json.parse("\"\\u0120the\""));
    }

    @Test
    void bigIntegersBecomeDoubles() {
        assertEquals(9223372036854775807L, Json.parse("9223372036854775807"));
        assertEquals(1.0e19, Json.parse("10000000000000000000"));
    }

    @Test
    void rejectsWhatRfc8259Rejects() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\":1,}", "{'a':1}", "01", "1.", ".5", "+1", "-", "1e", "NaN",
                "Infinity", "tru", "\"abc", "\"\\x\"", "\"\\u12g4\"", "\"a\u0001b\"", "{\"a\" 1}", "[1 2]", "1 2", "1e999")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), "accepted: " + bad);
            assertTrue(e.getMessage().startsWith("JSON: "), e.getMessage());
        }
    }

    @Test
    void deepNestingIsAClearErrorNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("nesting"), e.getMessage());
        assertEquals(List.of(List.of()), Json.parse("[[]]"));
    }

    @Test
    void errorsNameTheOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": [1, 2, x]}"));
        assertTrue(e.getMessage().contains("offset 13"), e.getMessage());
    }

    @Test
    void parseObjectRequiresAnObject() {
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1]"));
        assertEquals(Map.of("k", 1L), Json.parseObject("\uFEFF{\"k\":1}"));
    }

    @Test
    void quoteRoundTrips() {
        for (String s : List.of("plain", "q\"b\\s", "nl\ncr\rtab\t", "\u0001\u001f", "日本😀", "lone \uD800 surrogate")) {
            Object back = Json.parse(JsonText.quote(s));
            assertEquals(s, back, "round trip of " + s);
        }
    }
}
