package dev.recall.progress.projection;

import dev.recall.kit.consuming.EventConsumer;
import dev.recall.kit.consuming.EventConsumers;
import dev.recall.kit.jdbc.Transactions;
import dev.recall.kit.outbox.OutboxRelay;
import dev.recall.kit.problem.ProblemException;
import dev.recall.progress.scheduling.Fsrs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Rebuilds the projections from offset 0 of both topics while the current ones keep serving, then
 * switches to them.
 *
 * <ol>
 * <li>The migrations create fresh tables in the schema {@value #SCHEMA}.</li>
 * <li>What the live consumer group has committed is folded in memory and written in batches
 * ({@link BulkReplay}); its offsets become the new group's.</li>
 * <li>A consumer under that group replays the rest of both topics into them with the live projector,
 * until it reaches the end offsets taken when the rebuild started.</li>
 * <li>The live consumer stops (reads go on); the replay catches up with what arrived meanwhile.</li>
 * <li>In one transaction the rebuilt tables, processed event ids included, take the live ones' place;
 * the live consumer starts again on them and skips, as duplicates, the events the replay applied.</li>
 * </ol>
 *
 * The replay announces ItemScheduled only for events the live projection had not applied (those that
 * arrived during the rebuild); its announcements join the outbox at the switch. Announcement ids derive
 * from answer ids, so an answer announced by both (a race at the start) is deduplicated downstream.
 */
@ApplicationScoped
public class ProjectionRebuild {
    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
    static final String SCHEMA = "recall_rebuild";
    static final String RETIRED = "recall_retired";
    /** The tables that make up a projection; the outbox stays where it is. */
    static final List<String> TABLES = List.of("decks", "deck_versions", "deck_version_items", "learner_items",
            "answers", "processed_events");

    @Inject
    DataSource dataSource;

    @Inject
    Flyway flyway;

    @Inject
    EventConsumers consumers;

    @Inject
    ProjectionConsumer live;

    @Inject
    OutboxRelay relay;

    @Inject
    Fsrs fsrs;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @ConfigProperty(name = "recall.rebuild.timeout", defaultValue = "PT1H")
    Duration timeout;

    /** Off: the whole rebuild goes event by event, for a log whose answers do not fit in the heap. */
    @ConfigProperty(name = "recall.rebuild.bulk", defaultValue = "true")
    boolean bulkEnabled;

    /**
     * PostgreSQL's parallel workers per index the bulk builds ({@code max_parallel_maintenance_workers}). The bulk
     * builds two at a time already, beside learner_items' COPY: on a database with two cores, workers of their own
     * made those builds slower (BENCHMARKS.md). A database with more cores may use some.
     */
    @ConfigProperty(name = "recall.rebuild.index-workers", defaultValue = "0")
    int indexWorkers;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long bulkApplied;
    private volatile Progress progress = new Progress("IDLE", null, null, null, 0, null);
    private volatile EventConsumer replay;
    /** How long each state of the running rebuild took, for its log line. */
    private final StringBuilder steps = new StringBuilder();
    private final StringBuilder laps = new StringBuilder();
    private long stepStarted;
    private long lapStarted;

    /**
     * What the last rebuild did. {@code state}: IDLE (none since this instance started), PREPARING,
     * FOLDING (the bulk, in memory), REPLAYING (the rest, event by event), SWITCHING, DONE or FAILED
     * (with the {@code failure}); {@code eventsApplied} by the rebuild.
     */
    public record Progress(String state, String consumerGroup, Instant startedAt, Instant finishedAt,
            long eventsApplied, String failure) {
    }

    public Progress progress() {
        EventConsumer current = replay;
        Progress now = progress;
        return current == null ? now : new Progress(now.state(), now.consumerGroup(), now.startedAt(), null,
                bulkApplied + current.applied(), null);
    }

    public boolean inProgress() {
        return running.get();
    }

    /** Starts a rebuild in the background; 409 while one runs or when this instance does not consume. */
    public Progress start() {
        if (!live.enabled()) {
            throw ProblemException.conflict("this instance does not run the projection consumer "
                    + "(recall.consumer.enabled=false); ask an instance that does");
        }
        if (!running.compareAndSet(false, true)) {
            throw ProblemException.conflict("a rebuild is already running; follow it in GET /admin/projection");
        }
        String group = live.group() + "-rebuild-" + UUID.randomUUID();
        bulkApplied = 0;
        steps.setLength(0);
        laps.setLength(0);
        stepStarted = System.nanoTime();
        lapStarted = stepStarted;
        progress = new Progress("PREPARING", group, Instant.now(), null, 0, null);
        Thread thread = new Thread(() -> run(group), "projection-rebuild");
        thread.setDaemon(true);
        thread.start();
        return progress;
    }

    private void run(String group) {
        Instant deadline = Instant.now().plus(timeout);
        boolean liveStopped = false;
        long applied = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            String liveSchema = Transactions.inTransaction(dataSource, ProjectionRebuild::currentSchema);
            prepareSchema();
            lap("tables made");
            Map<TopicPartition, Long> target = endOffsets(admin);
            lap("end offsets read");
            step("FOLDING");
            bulkApplied = bulk(admin, group, deadline);
            step("REPLAYING");
            replay = consumers.start(group, ProjectionConsumer.TOPICS, rebuildDatabase(),
                    new ProgressProjector(fsrs, (connection, event) -> !appliedLive(connection, liveSchema,
                            event.id())));
            awaitCaughtUp(admin, group, target, deadline);
            step("SWITCHING");
            live.stopLive();
            liveStopped = true;
            lap("live stopped");
            awaitCaughtUp(admin, group, endOffsets(admin), deadline);
            lap("replay caught up");
            EventConsumer done = replay;
            replay = null;
            consumers.stop(done);
            lap("replay stopped");
            applied = bulkApplied + done.applied();
            if (bulkApplied == 0 || done.applied() > bulkApplied / 10) {
                // Analyzed after the bulk already, unless the replay changed the tables by more than a tenth.
                analyze();
                lap("analyzed");
            }
            Transactions.inTransaction(dataSource, connection -> switchTables(connection, liveSchema));
            lap("tables switched");
            live.startLive();
            liveStopped = false;
            relay.wake();
            lap("live started");
            dropSchema(RETIRED);
            lap("old tables dropped");
            deleteGroup(admin, group);
            lap("group deleted");
            step("DONE");
            progress = new Progress("DONE", group, progress.startedAt(), Instant.now(), applied, null);
            LOG.infof("projection rebuilt from offset 0 with %d events; now live on the rebuilt tables (%s)", applied,
                    steps);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.errorf(e, "projection rebuild failed; the live projection is unchanged");
            progress = new Progress("FAILED", group, progress.startedAt(), Instant.now(), applied, e.toString());
        } finally {
            stopReplay();
            if (liveStopped) {
                live.startLive();
            }
            dropSchema(SCHEMA);
            running.set(false);
        }
    }

    /**
     * Folds in memory, and writes in batches, what the live consumer group has committed
     * ({@link BulkReplay}); the event-by-event replay goes on from there. If the database refuses the
     * bulk's data (a row the live projection dead-lettered, say), the rebuild starts over event by event.
     */
    private long bulk(Admin admin, String group, Instant deadline) throws Exception {
        if (!bulkEnabled) {
            return 0;
        }
        Map<TopicPartition, Long> committed = new HashMap<>();
        admin.listConsumerGroupOffsets(live.group()).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .forEach((partition, offset) -> {
                    if (offset != null && ProjectionConsumer.TOPICS.contains(partition.topic())) {
                        committed.put(partition, offset.offset());
                    }
                });
        try {
            long applied = BulkReplay.run(fsrs, bootstrapServers, group, committed, rebuildDatabase(), deadline,
                    indexWorkers);
            lap("bulk written");
            analyze();
            lap("analyzed");
            return applied;
        } catch (SQLException e) {
            LOG.warnf("the bulk replay's rows were refused (%s); replaying event by event instead", e.getMessage());
            prepareSchema();
            return 0;
        }
    }

    /**
     * Statistics for the rebuilt tables, so that the replay's statements, and the live ones once they are
     * switched in, are planned for their real size even where autovacuum is off.
     */
    private void analyze() throws SQLException {
        try (Connection connection = rebuildDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("ANALYZE " + SCHEMA + "." + table);
            }
        }
    }

    private void step(String state) {
        Progress now = progress;
        long at = System.nanoTime();
        steps.append(steps.length() == 0 ? "" : ", ").append(now.state()).append(' ')
                .append((at - stepStarted) / 1_000_000).append(" ms");
        if (!laps.isEmpty()) {
            steps.append(" (").append(laps).append(')');
            laps.setLength(0);
        }
        stepStarted = at;
        lapStarted = at;
        progress = new Progress(state, now.consumerGroup(), now.startedAt(), null, 0, null);
    }

    /** A part of the current state done, with how long it took, for the state's entry in the log. */
    private void lap(String part) {
        long at = System.nanoTime();
        laps.append(laps.isEmpty() ? "" : ", ").append(part).append(' ').append((at - lapStarted) / 1_000_000)
                .append(" ms");
        lapStarted = at;
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Fresh tables from the same migrations as the live ones, so both have the same shape. Flyway gets
     * its own connection: it changes the search path of the connections it uses.
     */
    private void prepareSchema() {
        dropSchema(SCHEMA);
        Flyway.configure(Thread.currentThread().getContextClassLoader())
                .configuration(flyway.getConfiguration())
                .dataSource(rebuildDatabase())
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .load()
                .migrate();
    }

    /** Drops {@code schema} and its tables, if it is there; a failure is logged (a later rebuild drops it first). */
    private void dropSchema(String schema) {
        try {
            Transactions.inTransaction(dataSource, connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warnf("could not drop schema %s: %s", schema, e.getMessage());
        }
    }

    /**
     * Unpooled connections whose search path is the rebuild schema: nothing else ever sees that setting.
     * Batched inserts are sent as multi-row statements.
     */
    private DataSource rebuildDatabase() {
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setUrl(jdbcUrl);
        database.setReWriteBatchedInserts(true);
        username.ifPresent(database::setUser);
        password.ifPresent(database::setPassword);
        database.setCurrentSchema(SCHEMA);
        return database;
    }

    private static boolean appliedLive(Connection connection, String liveSchema, UUID eventId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM " + liveSchema + ".processed_events WHERE event_id = ?")) {
            select.setObject(1, eventId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<String, TopicDescription> topics = admin.describeTopics(ProjectionConsumer.TOPICS).allTopicNames()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topics.values().forEach(topic -> topic.partitions().forEach(partition ->
                latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    /** Waits until the replay group has committed every partition up to {@code target}. */
    private void awaitCaughtUp(Admin admin, String group, Map<TopicPartition, Long> target, Instant deadline)
            throws Exception {
        while (true) {
            EventConsumer current = replay;
            if (current == null || current.state() == EventConsumer.State.STOPPED) {
                throw new IllegalStateException("the replay consumer stopped");
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Set<TopicPartition> behind = target.entrySet().stream()
                    .filter(end -> end.getValue() > 0)
                    .filter(end -> committed.get(end.getKey()) == null
                            || committed.get(end.getKey()).offset() < end.getValue())
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            if (behind.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the replay did not catch up within " + timeout + "; behind on "
                        + behind);
            }
            Thread.sleep(200);
        }
    }

    /**
     * The rebuilt tables replace the live ones in one transaction; readers wait for it, never see a mix. The
     * replaced tables are left in {@link #RETIRED}, to be dropped after the switch (dropping a million rows' files
     * is no reason to keep readers waiting); a switch that finds them there still drops them first.
     */
    private static Void switchTables(Connection connection, String liveSchema) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + RETIRED + " CASCADE");
            statement.execute("CREATE SCHEMA " + RETIRED);
            for (String table : TABLES) {
                statement.execute("ALTER TABLE " + liveSchema + "." + table + " SET SCHEMA " + RETIRED);
            }
            for (String table : TABLES) {
                statement.execute("ALTER TABLE " + SCHEMA + "." + table + " SET SCHEMA " + liveSchema);
            }
            statement.execute("INSERT INTO " + liveSchema + ".outbox (event_id, topic, msg_key, event_type, payload) "
                    + "SELECT event_id, topic, msg_key, event_type, payload FROM " + SCHEMA + ".outbox ORDER BY id "
                    + "ON CONFLICT (event_id) DO NOTHING");
        }
        return null;
    }

    private void stopReplay() {
        EventConsumer current = replay;
        replay = null;
        if (current != null) {
            try {
                consumers.stop(current);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void deleteGroup(Admin admin, String group) {
        try {
            admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("could not delete the rebuild's consumer group %s: %s", group, e.getMessage());
        }
    }
}
