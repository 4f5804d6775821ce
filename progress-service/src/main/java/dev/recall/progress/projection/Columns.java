package dev.recall.progress.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A table's columns with their SQL types, in the order a row's values are given: one list of values per
 * row serves both a prepared statement ({@link #bind}) and PostgreSQL's binary COPY format
 * ({@link #appendCopyRow}), so the two ways of writing a row cannot drift apart.
 *
 * <p>Values, by SQL type: VARCHAR (text) String, OTHER (uuid) UUID, INTEGER Integer, BIGINT Long, DOUBLE
 * Double, BOOLEAN Boolean, TIMESTAMP_WITH_TIMEZONE Instant, ARRAY (text[]) a List of String; any may be null.
 */
final class Columns {
    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;
    private static final int TEXT_OID = 25;

    private final String table;
    private final List<String> names;
    private final int[] types;

    private Columns(String table, List<String> names, int[] types) {
        this.table = table;
        this.names = names;
        this.types = types;
    }

    /** {@code columns}: name, {@link Types} constant, name, constant, ... */
    static Columns of(String table, Object... columns) {
        List<String> names = new ArrayList<>();
        int[] types = new int[columns.length / 2];
        for (int i = 0; i < columns.length; i += 2) {
            names.add((String) columns[i]);
            types[i / 2] = (Integer) columns[i + 1];
        }
        return new Columns(table, List.copyOf(names), types);
    }

    /** The same columns in another table of the same shape. */
    Columns in(String otherTable) {
        return new Columns(otherTable, names, types);
    }

    List<String> names() {
        return names;
    }

    String list() {
        return String.join(", ", names);
    }

    /** INSERT of one row, followed by {@code tail} (an ON CONFLICT clause, say). */
    String insert(String tail) {
        return "INSERT INTO " + table + " (" + list() + ") VALUES (" + "?, ".repeat(names.size() - 1) + "?)"
                + (tail.isEmpty() ? "" : " " + tail);
    }

    String copy() {
        return "COPY " + table + " (" + list() + ") FROM STDIN";
    }

    /** Binds {@code values} as the statement's first parameters; returns how many that is. */
    int bind(Connection connection, PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < types.length; i++) {
            int index = i + 1;
            Object value = values[i];
            if (value == null) {
                statement.setNull(index, types[i]);
            } else if (value instanceof String text) {
                statement.setString(index, text);
            } else if (value instanceof Instant instant) {
                statement.setTimestamp(index, Timestamp.from(instant));
            } else if (value instanceof List<?> list) {
                statement.setArray(index, connection.createArrayOf("text", list.toArray()));
            } else {
                statement.setObject(index, value, types[i]);
            }
        }
        return types.length;
    }

    /**
     * One row in COPY's binary format (each field its length, then its value as PostgreSQL sends it): no
     * number, time or UUID is turned into text and parsed back.
     */
    void appendCopyRow(CopyBuffer out, Object[] values) {
        out.putShort((short) types.length);
        for (int i = 0; i < types.length; i++) {
            Object value = values[i];
            if (value == null) {
                out.putInt(-1);
                continue;
            }
            switch (types[i]) {
                case Types.VARCHAR -> out.putText((String) value);
                case Types.OTHER -> {
                    UUID uuid = (UUID) value;
                    out.putInt(16);
                    out.putLong(uuid.getMostSignificantBits());
                    out.putLong(uuid.getLeastSignificantBits());
                }
                case Types.INTEGER -> {
                    out.putInt(4);
                    out.putInt((Integer) value);
                }
                case Types.BIGINT -> {
                    out.putInt(8);
                    out.putLong((Long) value);
                }
                case Types.DOUBLE -> {
                    out.putInt(8);
                    out.putLong(Double.doubleToLongBits((Double) value));
                }
                case Types.BOOLEAN -> {
                    out.putInt(1);
                    out.put(new byte[] {(byte) ((Boolean) value ? 1 : 0)});
                }
                case Types.TIMESTAMP_WITH_TIMEZONE -> {
                    out.putInt(8);
                    out.putLong(postgresMicros((Instant) value));
                }
                case Types.ARRAY -> textArray(out, (List<?>) value);
                default -> throw new IllegalArgumentException(table + "." + names.get(i)
                        + ": no COPY format for SQL type " + types[i]);
            }
        }
    }

    /** PostgreSQL's timestamptz: microseconds since 2000-01-01T00:00:00Z, rounded to even as its input is. */
    static long postgresMicros(Instant instant) {
        long micros = Math.multiplyExact(instant.getEpochSecond() - POSTGRES_EPOCH_SECOND, 1_000_000L)
                + instant.getNano() / 1000;
        int rest = instant.getNano() % 1000;
        return rest > 500 || (rest == 500 && (micros & 1) == 1) ? micros + 1 : micros;
    }

    /** A one-dimensional text[] (zero dimensions when empty), elements may be null. */
    private static void textArray(CopyBuffer out, List<?> values) {
        CopyBuffer array = new CopyBuffer(64);
        array.putInt(values.isEmpty() ? 0 : 1);
        boolean hasNull = false;
        for (Object value : values) { // not contains(null): List.of(...) throws on it
            hasNull |= value == null;
        }
        array.putInt(hasNull ? 1 : 0);
        array.putInt(TEXT_OID);
        if (!values.isEmpty()) {
            array.putInt(values.size());
            array.putInt(1);
        }
        for (Object value : values) {
            if (value == null) {
                array.putInt(-1);
            } else {
                array.putText(value.toString());
            }
        }
        out.putInt(array.size());
        out.put(array.bytes(), array.size());
    }
}
