package dev.recall.e2e;

import dev.recall.infra.LocalInfra;
import dev.recall.testing.RecallInfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged service (target/quarkus-app) running as its own process, as in production. */
final class ServiceProcess implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("recall.root", ".."));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final String name;
    final String database;
    final int port;
    /** Set after the defaults: a drill's own consumer group or broker. */
    private final Map<String, String> extraEnv;
    private final String logName;
    private Process process;

    ServiceProcess(String name, String database) {
        this(name, database, Map.of());
    }

    ServiceProcess(String name, String database, Map<String, String> extraEnv) {
        this(name, database, extraEnv, database);
    }

    /** A second instance on the same database needs a log of its own. */
    ServiceProcess(String name, String database, Map<String, String> extraEnv, String logName) {
        this.name = name;
        this.database = database;
        this.port = freePort();
        this.extraEnv = Map.copyOf(extraEnv);
        this.logName = logName;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    ServiceProcess start() {
        Path jar = ROOT.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " does not exist: package the services first (./mvnw verify does)");
        }
        Path log = ROOT.resolve("e2e-tests/target/e2e-logs/" + logName + ".log");
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> env = builder.environment();
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", RecallInfra.jdbcUrl(database));
            env.put("QUARKUS_DATASOURCE_USERNAME", RecallInfra.pgUser());
            env.put("QUARKUS_DATASOURCE_PASSWORD", RecallInfra.pgPassword());
            env.put("KAFKA_BOOTSTRAP_SERVERS", RecallInfra.kafkaBootstrapServers());
            env.putAll(extraEnv);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Waits until /q/health/ready answers 200 (database and Kafka reachable). */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see its log in "
                        + "e2e-tests/target/e2e-logs");
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + ": " + last);
    }

    /** A clean stop (SIGTERM), as bin/recall down does. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** A crash (SIGKILL): no shutdown hook runs, nothing is flushed or committed. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " survived SIGKILL for 30 s");
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** {@link LocalInfra#freePort}. */
    static int freePort(int... taken) {
        try {
            return LocalInfra.freePort(taken);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
