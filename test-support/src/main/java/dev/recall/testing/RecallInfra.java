package dev.recall.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * The Kafka broker and PostgreSQL of this test run, started once by the local-infra module's build
 * (see its pom) and described by the file named in the system property {@code recall.infra.file}.
 */
public final class RecallInfra {
    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static Properties state;

    private RecallInfra() {
    }

    public static synchronized Properties state() {
        if (state == null) {
            state = await();
        }
        return state;
    }

    public static String kafkaBootstrapServers() {
        return state().getProperty("kafka.bootstrap.servers");
    }

    public static String jdbcUrl(String database) {
        return state().getProperty("pg.jdbc.base") + database;
    }

    public static String pgUser() {
        return state().getProperty("pg.user");
    }

    public static String pgPassword() {
        return state().getProperty("pg.password");
    }

    /** Drops and creates {@code database}: every test run starts from empty schemas. */
    public static void recreateDatabase(String database) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), pgUser(), pgPassword());
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            s.execute("CREATE DATABASE \"" + database + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot recreate test database " + database + ": " + e.getMessage(), e);
        }
    }

    private static Properties await() {
        String name = System.getProperty("recall.infra.file");
        if (name == null) {
            throw new IllegalStateException("system property recall.infra.file is not set: run the tests through "
                    + "Maven from the repository root (./mvnw verify), which starts Kafka and PostgreSQL first");
        }
        Path file = Path.of(name);
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the test infrastructure did not come up within " + STARTUP
                        + ": no " + file + "; see local-infra/target/infra/<timestamp>.log");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return properties;
    }
}
