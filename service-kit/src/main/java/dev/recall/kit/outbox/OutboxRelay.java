package dev.recall.kit.outbox;

import dev.recall.contracts.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka, oldest first, each with its event type in the {@link Topics#TYPE_HEADER}
 * header, and deletes them once the broker has acknowledged them. It reads every unpublished row rather
 * than "rows after the last id", so a transaction that commits late with a lower id is still published. A
 * transaction-scoped advisory lock lets only one instance relay at a time, which keeps per-key order. A crash
 * between send and delete resends: consumers deduplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_ID = 0x5245_4341_4c4cL; // "RECALL"
    /** Matches the topics' max.message.bytes (LocalInfra, docker-compose.yml). */
    public static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "recall.outbox.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "recall.outbox.poll-interval", defaultValue = "PT0.25S")
    Duration pollInterval;

    /**
     * The least time between the starts of two batches when woken: under load, commits that come in quick
     * succession leave together, in one transaction and one produce request per partition, instead of one
     * batch each. An event that finds the relay idle leaves at once.
     */
    @ConfigProperty(name = "recall.outbox.linger", defaultValue = "PT0.02S")
    Duration linger;

    @ConfigProperty(name = "recall.outbox.enabled", defaultValue = "true")
    boolean enabled;

    /** Where PostgreSQL's autovacuum is off, VACUUM the outbox after this many rows were deleted; 0: never. */
    @ConfigProperty(name = "recall.outbox.vacuum-every", defaultValue = "20000")
    long vacuumEvery;

    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private volatile long published;
    private volatile long vacuums;
    private long deletedSinceVacuum;
    private long lastBatchStarted = System.nanoTime() - TimeUnit.HOURS.toNanos(1);
    private Boolean autovacuum;
    private Thread thread;
    private KafkaProducer<String, String> producer;

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        // A published snapshot of a large deck is several MB of JSON; compressed it is far smaller.
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_EVENT_BYTES);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer = new KafkaProducer<>(config);
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            wake.release();
            thread.join(5_000);
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Called after a commit that appended events, so they leave without waiting for the next poll. */
    public void wake() {
        wake.release();
    }

    /** Events this instance has published since it started. */
    public long published() {
        return published;
    }

    private void loop() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try {
                wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                long early = linger.toNanos() - (System.nanoTime() - lastBatchStarted);
                if (early > 0) {
                    TimeUnit.NANOSECONDS.sleep(early);
                }
                wake.drainPermits();
                int sent;
                do {
                    lastBatchStarted = System.nanoTime();
                    sent = relayBatch();
                    vacuumIfDue(sent);
                } while (running && sent == batchSize); // a full batch means more may be waiting
                backoff = Duration.ofMillis(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("outbox relay: %s; retrying in %d ms", e.getMessage(), backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : backoff.multipliedBy(2);
            }
        }
    }

    private int relayBatch() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int sent = relayBatch(connection);
                connection.commit();
                published += sent;
                return sent;
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private int relayBatch(Connection connection) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_ID);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
        }
        List<Long> ids = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, topic, msg_key, payload, event_type FROM outbox ORDER BY id LIMIT ?")) {
            select.setInt(1, batchSize);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    ProducerRecord<String, String> record = new ProducerRecord<>(rs.getString(2), rs.getString(3),
                            rs.getString(4));
                    record.headers().add(Topics.TYPE_HEADER, rs.getString(5).getBytes(StandardCharsets.UTF_8));
                    acks.add(producer.send(record));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox WHERE id = ANY (?)")) {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            delete.setArray(1, array);
            delete.executeUpdate();
        }
        return ids.size();
    }

    /** How often this instance has vacuumed the outbox (only where autovacuum is off). */
    public long vacuums() {
        return vacuums;
    }

    /**
     * The outbox is a queue: every row is deleted soon after it is written. Where autovacuum is off (as in
     * this project's CI PostgreSQL), the deleted rows would stay in the table and in its key's index for
     * good, and every poll's {@code ORDER BY id} scan would walk past all of them; so the relay vacuums the
     * table itself every {@link #vacuumEvery} deleted rows. Where autovacuum is on, it is left to it.
     */
    private void vacuumIfDue(int deleted) {
        deletedSinceVacuum += deleted;
        if (vacuumEvery <= 0 || deletedSinceVacuum < vacuumEvery || Boolean.TRUE.equals(autovacuum)) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (autovacuum == null) {
                try (ResultSet rs = statement.executeQuery("SHOW autovacuum")) {
                    rs.next();
                    autovacuum = "on".equals(rs.getString(1));
                }
                if (autovacuum) {
                    return;
                }
            }
            connection.setAutoCommit(true); // VACUUM cannot run inside a transaction
            statement.execute("VACUUM outbox");
            deletedSinceVacuum = 0;
            vacuums++;
        } catch (SQLException e) {
            LOG.warnf("outbox relay: VACUUM outbox failed (%s); trying again after the next batch", e.getMessage());
        }
    }

    /** Rows not yet published; an operator's gauge of how far Kafka lags behind the database. */
    public long pending() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM outbox");
                ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
