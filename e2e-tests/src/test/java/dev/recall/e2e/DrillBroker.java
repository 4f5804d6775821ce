package dev.recall.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker of one drill's own, which the drill may stop: LocalInfra in a child process on
 * fixed ports, restarted on the same log directory so the topics and their records survive.
 * PostgreSQL stays the run's (LocalInfra only looks it up; stopping this process leaves it alone).
 */
final class DrillBroker implements AutoCloseable {
    private static final Path LOCAL_INFRA = ServiceProcess.ROOT.resolve("local-infra/target");

    private final Path dir;
    private final Path stateFile;
    private final int kafkaPort = ServiceProcess.freePort();
    private final int controllerPort = ServiceProcess.freePort(kafkaPort);
    private Process process;

    DrillBroker(String name) {
        this.dir = ServiceProcess.ROOT.resolve("e2e-tests/target/" + name).toAbsolutePath();
        this.stateFile = dir.resolve("state.properties");
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** Starts the broker; {@code fresh} wipes the log directory first. Returns when the topics exist. */
    DrillBroker start(boolean fresh) {
        if (!Files.isDirectory(LOCAL_INFRA.resolve("lib"))) {
            throw new IllegalStateException(LOCAL_INFRA.resolve("lib") + " does not exist: package local-infra first");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", LOCAL_INFRA.resolve("classes") + java.io.File.pathSeparator + LOCAL_INFRA.resolve("lib") + "/*",
                "dev.recall.infra.LocalInfra", "--dir=" + dir, "--kafka-port=" + kafkaPort,
                "--controller-port=" + controllerPort, "--state-file=" + stateFile));
        if (fresh) {
            command.add("--fresh");
        }
        try {
            Files.createDirectories(dir);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("infra.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("drill broker on " + bootstrapServers() + " (log: " + dir.resolve("infra.log") + ")")
                .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the drill broker exited with " + process.exitValue());
                    }
                    return Files.exists(stateFile);
                });
        return this;
    }

    /** Stops the broker as an operator would (SIGTERM) and waits until it is gone. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
