package dev.recall.progress.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One {@code COPY ... FROM STDIN (FORMAT binary)} on a connection and transaction of its own, fed row by
 * row: each full chunk goes to PostgreSQL, which reads it while the caller prepares the next. A failure to
 * encode or send a row is kept and thrown by {@link #finish}, so that a caller folding events never
 * mistakes it for a refused event; {@link #close} without {@link #finish} cancels the copy.
 */
final class CopyStream implements AutoCloseable {
    private static final int CHUNK = 1 << 20;
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private final Connection connection;
    private final CopyIn copy;
    private final Columns columns;
    private final CopyBuffer buffer = new CopyBuffer(CHUNK + (CHUNK >> 2));
    private SQLException failure;
    private long rows;

    CopyStream(DataSource database, Columns columns) throws SQLException {
        this.columns = columns;
        this.connection = database.getConnection();
        try {
            connection.setAutoCommit(false);
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(columns.copy() + " (FORMAT binary)");
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        buffer.put(SIGNATURE);
        buffer.putInt(0); // flags
        buffer.putInt(0); // header extension length
    }

    /** Copies every row of {@code rows} and commits. */
    static <T> long copyAll(DataSource database, Columns columns, Collection<T> rows, Function<T, Object[]> values)
            throws SQLException {
        try (CopyStream copy = new CopyStream(database, columns)) {
            for (T row : rows) {
                copy.add(values.apply(row));
            }
            return copy.finish();
        }
    }

    void add(Object[] values) {
        if (failure != null) {
            return;
        }
        try {
            columns.appendCopyRow(buffer, values);
        } catch (RuntimeException e) {
            // A value the COPY format cannot carry is a bug: it fails the copy, never passes for a refused event.
            failure = new SQLException("a row of " + columns.list() + " cannot be copied: " + e.getMessage(), e);
            return;
        }
        rows++;
        if (buffer.size() >= CHUNK) {
            send();
        }
    }

    /** Ends the copy and commits its rows; returns how many. */
    long finish() throws SQLException {
        buffer.putShort((short) -1); // the trailer
        send();
        if (failure != null) {
            throw failure;
        }
        copy.endCopy();
        connection.commit();
        return rows;
    }

    private void send() {
        try {
            copy.writeToCopy(buffer.bytes(), 0, buffer.size());
        } catch (SQLException e) {
            failure = e;
        }
        buffer.clear();
    }

    @Override
    public void close() throws SQLException {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } finally {
            connection.close();
        }
    }
}
