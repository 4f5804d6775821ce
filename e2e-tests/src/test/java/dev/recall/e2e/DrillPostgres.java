package dev.recall.e2e;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL of one drill's own, which the drill may stop and start again: an embedded one (zonky's
 * real PostgreSQL binaries) on a fixed port, restarted on the same data directory so every row survives.
 * The run's PostgreSQL is shared by every test and never stopped.
 */
final class DrillPostgres implements AutoCloseable {
    private final Path dir;
    private final int port = ServiceProcess.freePort();
    private EmbeddedPostgres postgres;

    DrillPostgres(String name) {
        this.dir = ServiceProcess.ROOT.resolve("e2e-tests/target/" + name).toAbsolutePath();
    }

    /** Starts it; the data directory of an earlier start is kept. */
    DrillPostgres start() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dir.resolve("pgdata"))
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(dir.resolve("pg-binaries").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A fast shutdown (pg_ctl stop -m fast): open sessions are terminated, as in a restart for maintenance. */
    void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres = null;
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    void createDatabase(String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database);
        }
    }

    @Override
    public void close() {
        if (postgres != null) {
            stop();
        }
    }
}
