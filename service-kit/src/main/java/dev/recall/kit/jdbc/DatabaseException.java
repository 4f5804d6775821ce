package dev.recall.kit.jdbc;

import java.sql.SQLException;

/** A database failure, unchecked; {@link #sqlState()} tells a conflict from an outage. */
public class DatabaseException extends RuntimeException {
    public static final String UNIQUE_VIOLATION = "23505";

    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }

    public boolean isUniqueViolation() {
        return UNIQUE_VIOLATION.equals(sqlState());
    }

    /** Class 08 (connection) and 57P (operator intervention, e.g. shutdown): retrying later may work. */
    public boolean isTransient() {
        String state = sqlState();
        return state == null || state.startsWith("08") || state.startsWith("57P") || state.startsWith("53");
    }
}
