package dev.recall.progress.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ColumnsTest {
    @Test
    void timestampsAreMicrosecondsSincePostgresEpochRoundedHalfToEven() {
        assertEquals(0, Columns.postgresMicros(Instant.parse("2000-01-01T00:00:00Z")));
        assertEquals(-1, Columns.postgresMicros(Instant.parse("1999-12-31T23:59:59.999999Z")));
        assertEquals(848_066_400_123_456L, Columns.postgresMicros(Instant.parse("2026-11-15T14:00:00.123456Z")));
        assertEquals(0, Columns.postgresMicros(Instant.parse("2000-01-01T00:00:00.0000005Z")));
        assertEquals(2, Columns.postgresMicros(Instant.parse("2000-01-01T00:00:00.0000015Z")));
        assertEquals(1, Columns.postgresMicros(Instant.parse("2000-01-01T00:00:00.000000501Z")));
        assertEquals(0, Columns.postgresMicros(Instant.parse("1999-12-31T23:59:59.9999995Z")));
    }

    @Test
    void insertNamesEveryColumnInOrder() {
        Columns columns = Columns.of("t", "a", java.sql.Types.VARCHAR, "b", java.sql.Types.INTEGER);
        assertEquals("INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT DO NOTHING", columns.insert("ON CONFLICT DO NOTHING"));
        assertEquals("COPY other (a, b) FROM STDIN", columns.in("other").copy());
    }
}
