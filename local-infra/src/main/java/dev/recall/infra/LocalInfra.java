package dev.recall.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Runs the infrastructure Recall needs on a machine without Docker: a single-node Kafka broker
 * (KRaft, in this JVM) with Recall's topics, and PostgreSQL (the machine's own when one answers on
 * 127.0.0.1:5432, else an embedded one). When everything is ready it writes the addresses to a
 * properties file, which {@code bin/recall} and the test run read; the file is removed on exit.
 *
 * <pre>
 * --dir=DIR              where Kafka's log (and an embedded PostgreSQL's data) live
 * --fresh                wipe DIR first (tests); without it data survives restarts
 * --kafka-port=N         0 picks a free port
 * --controller-port=N    0 picks a free port
 * --pg=auto|embedded     auto: use 127.0.0.1:5432 when it answers
 * --pg-port=N            port of an embedded PostgreSQL (0 picks a free one)
 * --databases=a,b        databases to create when missing
 * --state-file=FILE      where to write the addresses
 * </pre>
 */
public final class LocalInfra {
    static final String[] TOPICS = {"recall.deck-events", "recall.quiz-events", "recall.progress-events"};
    static final int PARTITIONS = 3;
    /** A published snapshot carries the whole deck: large decks need more than Kafka's 1 MB default. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private LocalInfra() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path dir = Path.of(options.getOrDefault("dir", ".recall")).toAbsolutePath();
        Path stateFile = Path.of(required(options, "state-file")).toAbsolutePath();
        Files.deleteIfExists(stateFile);
        if (options.containsKey("fresh")) {
            deleteRecursively(dir.resolve("kafka"));
            deleteRecursively(dir.resolve("pgdata"));
        }
        Files.createDirectories(dir);

        int kafkaPort = port(options.getOrDefault("kafka-port", "9092"));
        int controllerPort = port(options.getOrDefault("controller-port", "9093"), kafkaPort);
        String bootstrap = "127.0.0.1:" + kafkaPort;
        startKafka(dir.resolve("kafka"), kafkaPort, controllerPort);
        createTopics(bootstrap);

        Database database = startPostgres(options, dir);
        for (String name : options.getOrDefault("databases", "").split(",")) {
            if (!name.isBlank()) {
                database.createIfMissing(name.trim());
            }
        }

        Properties state = new Properties();
        state.setProperty("kafka.bootstrap.servers", bootstrap);
        state.setProperty("pg.jdbc.base", database.jdbcBase());
        state.setProperty("pg.user", database.user());
        state.setProperty("pg.password", database.password());
        state.setProperty("pg.embedded", Boolean.toString(database.embedded() != null));
        state.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        Files.createDirectories(stateFile.getParent());
        Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        try (var out = Files.newBufferedWriter(tmp)) {
            state.store(out, "written by dev.recall.infra.LocalInfra; removed when it stops");
        }
        Files.move(tmp, stateFile, StandardCopyOption.ATOMIC_MOVE);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(stateFile);
                if (database.embedded() != null) {
                    database.embedded().close();
                }
            } catch (IOException e) {
                System.err.println("while stopping: " + e);
            }
        }, "recall-infra-stop"));
        System.out.println("ready: kafka " + bootstrap + ", postgresql " + database.jdbcBase() + " (state in "
                + stateFile + ")");
    }

    private static void startKafka(Path kafkaDir, int port, int controllerPort) throws Exception {
        Files.createDirectories(kafkaDir);
        Path config = kafkaDir.resolve("server.properties");
        Path logs = kafkaDir.resolve("data");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logs,
                "num.partitions=" + PARTITIONS,
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "log.retention.ms=-1",
                "") + "\n");
        if (!Files.exists(logs.resolve("meta.properties"))) {
            // Formatting is a one-off step of its own; Kafka's tool exits the JVM, so it runs in a child.
            Process format = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "kafka.tools.StorageTool", "format",
                    "-t", Uuid.randomUuid().toString(), "-c", config.toString())
                    .redirectErrorStream(true).inheritIO().start();
            if (format.waitFor() != 0) {
                throw new IllegalStateException("formatting Kafka's log directory " + logs + " failed");
            }
        }
        Thread broker = new Thread(() -> kafka.Kafka.main(new String[] {config.toString()}), "kafka-broker");
        broker.start();
        awaitPort(port, Duration.ofSeconds(60));
    }

    private static void createTopics(String bootstrap) throws Exception {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(config)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : TOPICS) {
                for (String name : List.of(topic, topic + ".dlq")) {
                    topics.add(new NewTopic(name, PARTITIONS, (short) 1).configs(Map.of("retention.ms", "-1",
                            "max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES))));
                }
            }
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    // A topic from an earlier version of this file: bring its settings up to date.
                    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
                    List<AlterConfigOp> ops = topic.configs().entrySet().stream()
                            .map(c -> new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET))
                            .toList();
                    admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get();
                }
            }
        }
    }

    record Database(String jdbcBase, String user, String password, EmbeddedPostgres embedded) {
        void createIfMissing(String name) throws SQLException {
            try (Connection c = DriverManager.getConnection(jdbcBase + "postgres", user, password);
                    PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        try (Statement create = c.createStatement()) {
                            create.execute("CREATE DATABASE \"" + name.replace("\"", "") + "\"");
                        }
                    }
                }
            }
        }
    }

    private static Database startPostgres(Map<String, String> options, Path dir) throws IOException {
        String mode = options.getOrDefault("pg", "auto");
        if (mode.equals("auto")) {
            String base = "jdbc:postgresql://127.0.0.1:5432/";
            try (Connection c = DriverManager.getConnection(base + "postgres", "postgres", "")) {
                c.isValid(2);
                return new Database(base, "postgres", "", null);
            } catch (SQLException e) {
                System.out.println("no PostgreSQL answers on 127.0.0.1:5432 (" + e.getMessage()
                        + "); starting an embedded one");
            }
        }
        int port = port(options.getOrDefault("pg-port", "0"));
        Path data = dir.resolve("pgdata");
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(dir.resolve("pg-binaries").toFile())
                .start();
        return new Database("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/", "postgres", "", pg);
    }

    /** The port given, or for 0 a {@link #freePort} other than {@code taken}. */
    private static int port(String value, int... taken) throws IOException {
        int port = Integer.parseInt(value);
        return port != 0 ? port : freePort(taken);
    }

    /**
     * A port free now and not one of {@code taken}: a port picked and released can be picked again at once (a
     * broker's kafka and controller ports once came out equal, and Kafka refused to start).
     */
    public static int freePort(int... taken) throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int free = socket.getLocalPort();
                if (IntStream.of(taken).noneMatch(other -> other == free)) {
                    return free;
                }
            }
        }
    }

    private static void awaitPort(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Kafka did not open port " + port + " within " + timeout);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg + "; options look like --name=value");
            }
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "" : arg.substring(eq + 1));
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
