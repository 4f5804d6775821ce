package dev.recall.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantTextTest {
    /** What Json.MAPPER read instants with before: Jackson's own InstantDeserializer. */
    private static final ObjectMapper JACKSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void readsTheProducersShapeExactlyAsJacksonDoes() throws Exception {
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 8_000_000_000L),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1000;
                        default -> random.nextInt(1_000_000_000);
                    });
            ZoneOffset offset = i % 3 == 0 ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(random.nextInt(-17, 18) * 3600
                    + (i % 2 == 0 ? 0 : 30 * 60 * Integer.signum(random.nextInt(-1, 2))));
            String text = i % 3 == 0 ? instant.toString() : OffsetDateTime.ofInstant(instant, offset).toString();
            if (text.length() < 20 || text.charAt(19) == ':' || text.startsWith("+") || text.startsWith("-")) {
                continue; // toString leaves out :00 seconds and writes 5-digit years; not the producers' shape
            }
            assertEquals(jackson(text), InstantText.parse(text), text);
            assertEquals(jackson(text), Json.MAPPER.readValue("\"" + text + "\"", Instant.class), text);
        }
    }

    @Test
    void leavesEveryOtherShapeToJackson() throws Exception {
        for (String text : List.of("2026-01-05T07:00Z", "2026-01-05t07:00:00Z", "2026-01-05T07:00:00z",
                "2026-01-05 07:00:00Z", "2026-01-05T07:00:00", "2026-01-05T07:00:00.Z", "2026-01-05T07:00:00.1234567890Z",
                "2026-01-05T07:00:00+0200", "2026-01-05T07:00:00+02", "2026-02-30T07:00:00Z", "2026-01-05T24:00:00Z",
                "2016-12-31T23:59:60Z", " 2026-01-05T07:00:00Z", "+2026-01-05T07:00:00Z", "2026-13-05T07:00:00Z")) {
            assertNull(InstantText.parse(text), text);
            Object expected;
            try {
                expected = jackson(text);
            } catch (Exception e) {
                expected = e.getClass();
            }
            if (expected instanceof Class<?> failure) {
                assertThrows(failure.asSubclass(Throwable.class),
                        () -> Json.MAPPER.readValue("\"" + text + "\"", Instant.class), text);
            } else {
                assertEquals(expected, Json.MAPPER.readValue("\"" + text + "\"", Instant.class), text);
            }
        }
        assertEquals(jackson("1700000000.5"), Json.MAPPER.readValue("1700000000.5", Instant.class));
    }

    private static Instant jackson(String text) throws Exception {
        return text.matches("[0-9.]+") ? JACKSON.readValue(text, Instant.class)
                : JACKSON.readValue("\"" + text + "\"", Instant.class);
    }
}
