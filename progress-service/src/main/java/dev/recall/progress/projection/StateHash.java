package dev.recall.progress.projection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Array;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A SHA-256 over the canonical content of the projection tables: every row in key order, every column
 * rendered independently of the session (instants in UTC, doubles in Java's shortest form). Equal hashes
 * mean equal projections, so a rebuild from offset 0 can be checked against live incremental processing.
 * Bookkeeping (processed event ids with their arrival times, the outbox) is not part of it.
 */
public final class StateHash {
    /** The projection tables and the order that makes their rows canonical. */
    static final List<String> TABLES = List.of(
            "decks ORDER BY deck_id",
            "deck_versions ORDER BY deck_id, version",
            "deck_version_items ORDER BY deck_id, version, position",
            "learner_items ORDER BY learner_id, deck_id, item_id",
            "answers ORDER BY answer_id");

    /** The last hash computed, with the fingerprint of the projection it was computed on. */
    private record Memo(String fingerprint, String hash) {
    }

    private static volatile Memo memo;

    private StateHash() {
    }

    /**
     * The hash of the projection as it stands, computed again only when it has changed since the last
     * call: every change applies an event, which adds a processed_events row (never deleted), or is a
     * rebuild's switch, which puts another processed_events table in place; so the table's identity, row
     * count and latest arrival fingerprint the projection. Read in one snapshot, so the fingerprint and
     * the rows hashed belong together; {@code connection} must be in a transaction nothing has used yet.
     */
    public static String current(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        }
        String fingerprint;
        try (PreparedStatement select = connection.prepareStatement("SELECT 'processed_events'::regclass::oid, "
                + "count(*), max(applied_at) FROM processed_events");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            fingerprint = rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getString(3);
        }
        Memo last = memo;
        if (last != null && last.fingerprint().equals(fingerprint)) {
            return last.hash();
        }
        String hash = of(connection);
        memo = new Memo(fingerprint, hash);
        return hash;
    }

    public static String of(Connection connection) throws SQLException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String table : TABLES) {
            digest.update(("\u001d" + table.substring(0, table.indexOf(' '))).getBytes(StandardCharsets.UTF_8));
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM " + table)) {
                select.setFetchSize(5000); // a cursor: a million answers are not held in memory at once
                try (ResultSet rs = select.executeQuery()) {
                    hashRows(digest, rs);
                }
            }
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static void hashRows(MessageDigest digest, ResultSet rs) throws SQLException {
        ResultSetMetaData columns = rs.getMetaData();
        while (rs.next()) {
            StringBuilder row = new StringBuilder("\u001e");
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                row.append(columns.getColumnName(i)).append('=').append(value(rs, i, columns.getColumnTypeName(i)))
                        .append('\u001f');
            }
            digest.update(row.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Each type rendered by Java from its value, never from the driver's text: the driver switches from
     * text to binary results once a statement is prepared on the server, and its text of some types differs.
     */
    private static String value(ResultSet rs, int column, String type) throws SQLException {
        Object value;
        switch (type) {
            case "timestamptz":
            case "timestamp":
                Timestamp timestamp = rs.getTimestamp(column);
                value = timestamp == null ? null : timestamp.toInstant();
                break;
            case "float8":
            case "float4":
                value = rs.getDouble(column);
                break;
            case "int4":
            case "int8":
            case "int2":
                value = rs.getLong(column);
                break;
            case "bool":
                value = rs.getBoolean(column);
                break;
            case "uuid":
                value = rs.getObject(column, UUID.class);
                break;
            case "text":
            case "varchar":
                value = rs.getString(column);
                break;
            case "_text":
                Array array = rs.getArray(column);
                value = array == null ? null : Arrays.stream((String[]) array.getArray())
                        .map(element -> element == null ? "\u0000" : element.replace("\\", "\\\\").replace(",", "\\,"))
                        .collect(Collectors.joining(",", "[", "]"));
                break;
            default:
                throw new IllegalStateException("no canonical form for column type " + type + "; add one to StateHash");
        }
        return rs.wasNull() || value == null ? "\u0000" : value.toString();
    }

}
