package glassbox.model.json;

import glassbox.model.trace.Matrix;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** What JsonWriter writes, read back by the project's own parser. */
class JsonWriterTest {
    @Test void roundTripsThroughTheParser() {
        String s = new JsonWriter().beginObject()
                .field("text", "quote \" slash \\ newline \n tab \t emoji 😀 lone \uD800 end")
                .field("ids", new int[]{1, 2, 3})
                .name("m").value(new Matrix(2, 2, new float[]{0.5f, Float.NEGATIVE_INFINITY, 3f, -1.25f}))
                .field("x", 2.5).field("b", true).name("n").nullValue()
                .endObject().toString();
        Map<String, Object> o = Json.parseObject(s);
        assertTrue(((String) o.get("text")).startsWith("quote \" slash \\ newline \n tab \t emoji 😀 lone "));
        assertEquals(List.of(1L, 2L, 3L).toString(), o.get("ids").toString().replace(".0", ""));
        List<?> m = (List<?>) o.get("m");
        assertNull(((List<?>) m.getFirst()).get(1), "−∞ becomes null");
        assertEquals(-1.25, ((Number) ((List<?>) m.get(1)).get(1)).doubleValue());
        assertEquals(2.5, ((Number) o.get("x")).doubleValue());
        assertEquals(Boolean.TRUE, o.get("b"));
        assertTrue(o.containsKey("n"));
        assertFalse(s.contains("\uD800"), "lone surrogates are escaped");
    }
}
