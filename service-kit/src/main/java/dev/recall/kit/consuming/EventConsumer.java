package dev.recall.kit.consuming;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventSchemas;
import dev.recall.contracts.InvalidEventException;
import dev.recall.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Consumes Recall topics with an exactly-once effect: each polled batch is applied in one database
 * transaction that also records every event id in {@code processed_events}, so a redelivered event
 * (after a crash, a rebalance or a duplicate send) is recognised and skipped. Offsets are committed
 * only after the transaction. Events that fail their schema, or that the handler rejects, go to
 * {@code <topic>.dlq} with the reason in headers and never stop the partition; a database outage
 * stops the consumer on the same batch until the database is back. Records whose type header names a type
 * the handler has no use for ({@link EventHandler#handles}) are passed over without being read.
 */
public final class EventConsumer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    public static final String REASON_HEADER = "recall-dlq-reason";

    private final String group;
    private final List<String> topics;
    private final DataSource dataSource;
    private final EventHandler handler;
    private final Properties consumerConfig = new Properties();
    private volatile KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> deadLetters;
    private final Thread thread;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile boolean running = true;
    private volatile State state = State.STARTING;
    private volatile String lastFailure;

    /** RUNNING: polling; RETRYING: waiting for the database or recovering from a failure. */
    public enum State {
        STARTING, RUNNING, RETRYING, STOPPED
    }

    /**
     * How long the broker may hold a fetch, and for how many bytes, before answering it: under load a wait
     * gathers larger batches, and each batch costs a transaction, an offset commit and a relay round
     * whatever its size. At low load it is the delay an event may wait at this hop.
     */
    public record Fetch(int minBytes, Duration maxWait) {
    }

    public EventConsumer(String bootstrapServers, String group, List<String> topics, DataSource dataSource,
            EventHandler handler, Fetch fetch) {
        this.group = group;
        this.topics = List.copyOf(topics);
        this.dataSource = dataSource;
        this.handler = handler;
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        consumerConfig.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, fetch.minBytes());
        consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) fetch.maxWait().toMillis());
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        producerConfig.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, dev.recall.kit.outbox.OutboxRelay.MAX_EVENT_BYTES);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        this.deadLetters = new KafkaProducer<>(producerConfig);
        this.thread = new Thread(this::loop, "consumer-" + group);
        this.thread.setDaemon(true);
    }

    public EventConsumer start() {
        thread.start();
        return this;
    }

    public long applied() {
        return applied.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    public String group() {
        return group;
    }

    public State state() {
        return state;
    }

    /** The last failure that made the consumer retry, or null. */
    public String lastFailure() {
        return lastFailure;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        thread.join(10_000);
    }

    /**
     * Polls until closed. An unexpected failure closes the Kafka consumer and starts a new one, which
     * resumes from the committed offsets: nothing is skipped, and what is redelivered is deduplicated.
     */
    private void loop() {
        Duration backoff = Duration.ofMillis(500);
        try {
            while (running) {
                try (KafkaConsumer<String, String> current = new KafkaConsumer<>(consumerConfig)) {
                    consumer = current;
                    current.subscribe(topics);
                    state = State.RUNNING;
                    pollUntilClosed(current);
                } catch (WakeupException e) {
                    if (running) {
                        throw e;
                    }
                } catch (RuntimeException e) {
                    if (!running) {
                        break;
                    }
                    state = State.RETRYING;
                    lastFailure = e.toString();
                    LOG.errorf(e, "%s: consumer failed; restarting from the committed offsets in %d ms", group,
                            backoff.toMillis());
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                            : backoff.multipliedBy(2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            state = State.STOPPED;
            deadLetters.close(Duration.ofSeconds(5));
        }
    }

    private void pollUntilClosed(KafkaConsumer<String, String> current) throws InterruptedException {
        while (running) {
            ConsumerRecords<String, String> records = current.poll(Duration.ofMillis(500));
            if (!records.isEmpty()) {
                List<ProducerRecord<String, String>> poison = applyUntilCommitted(records);
                sendDeadLetters(poison);
                commitOffsets(current, records);
            }
        }
    }

    /** Waits for the broker to take every dead letter: offsets move on only once they are safe. */
    private void sendDeadLetters(List<ProducerRecord<String, String>> poison) {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (ProducerRecord<String, String> dead : poison) {
            sent.add(deadLetters.send(dead));
        }
        for (java.util.concurrent.Future<?> ack : sent) {
            try {
                ack.get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending dead letters", e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("could not send a dead letter: " + e.getMessage(), e);
            }
        }
    }

    private void commitOffsets(KafkaConsumer<String, String> current, ConsumerRecords<String, String> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, String>> batch = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(batch.get(batch.size() - 1).offset() + 1));
        }
        try {
            current.commitSync(offsets);
        } catch (RuntimeException e) {
            // Harmless: the events are applied and recorded; a redelivery is skipped as a duplicate.
            LOG.warnf("%s: offset commit failed (%s); redelivered events will be skipped", group, e.getMessage());
        }
    }

    /** Retries the same batch while the database is unavailable. */
    private List<ProducerRecord<String, String>> applyUntilCommitted(ConsumerRecords<String, String> records) throws InterruptedException {
        Duration backoff = Duration.ofMillis(250);
        while (true) {
            try {
                List<ProducerRecord<String, String>> poison;
                try {
                    poison = applyInOneTransaction(records, false);
                } catch (RejectedInBatch e) {
                    poison = applyInOneTransaction(records, true);
                }
                state = State.RUNNING;
                return poison;
            } catch (SQLException e) {
                if (!running) {
                    throw new InterruptedException("stopping");
                }
                state = State.RETRYING;
                lastFailure = e.toString();
                LOG.warnf("%s: database unavailable (%s); retrying the batch in %d ms", group, e.getMessage(),
                        backoff.toMillis());
                // No poll meanwhile: records it returned would be lost. Outlasting max.poll.interval.ms costs a
                // rebalance, after which the batch is redelivered and deduplicated.
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : backoff.multipliedBy(2);
            }
        }
    }

    /** The handler refused an event of a batch applied without savepoints: apply it again with them. */
    private static final class RejectedInBatch extends RuntimeException {
        RejectedInBatch() {
            super(null, null, false, false);
        }
    }

    /**
     * Applies the batch in one transaction. Without savepoints (two round trips fewer per event) an event
     * the handler refuses throws {@link RejectedInBatch} and nothing is kept; with them, it is rolled back
     * to its savepoint alone and dead-lettered while the rest of the batch commits.
     */
    private List<ProducerRecord<String, String>> applyInOneTransaction(ConsumerRecords<String, String> records,
            boolean savepoints) throws SQLException {
        List<ProducerRecord<String, String>> poison = new ArrayList<>();
        Map<ConsumerRecord<String, String>, EventEnvelope> valid = new LinkedHashMap<>();
        read(records, valid, poison);
        if (!valid.isEmpty()) { // else nothing to apply: no transaction
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    handler.beforeBatch(connection, List.copyOf(valid.values()));
                    Tally tally = savepoints ? applyEach(connection, valid, poison) : applyTogether(connection, valid);
                    connection.commit();
                    applied.addAndGet(tally.applied());
                    duplicates.addAndGet(tally.duplicates());
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
        }
        deadLettered.addAndGet(poison.size());
        return poison;
    }

    /** Events of a batch applied and skipped as duplicates. */
    private record Tally(long applied, long duplicates) {
    }

    /**
     * Without savepoints: every event id of the batch recorded in one statement up front, the fresh events
     * handed to the handler together; any refusal throws {@link RejectedInBatch}.
     */
    private Tally applyTogether(Connection connection, Map<ConsumerRecord<String, String>, EventEnvelope> valid)
            throws SQLException {
        Set<UUID> firstSeen = markAll(connection, valid);
        List<EventEnvelope> fresh = new ArrayList<>(valid.size());
        for (EventEnvelope event : valid.values()) {
            if (firstSeen.remove(event.id())) { // a second copy in the batch is a duplicate
                fresh.add(event);
            }
        }
        try {
            handler.applyAll(connection, fresh);
        } catch (RuntimeException e) {
            throw new RejectedInBatch();
        } catch (SQLException e) {
            if (!isCausedByTheData(e)) {
                throw e;
            }
            throw new RejectedInBatch();
        }
        return new Tally(fresh.size(), valid.size() - fresh.size());
    }

    /**
     * With a savepoint per event: each id recorded inside its own savepoint, so that an event the handler
     * refuses leaves no trace; it goes to {@code poison} and the rest of the batch is applied.
     */
    private Tally applyEach(Connection connection, Map<ConsumerRecord<String, String>, EventEnvelope> valid,
            List<ProducerRecord<String, String>> poison) throws SQLException {
        long appliedHere = 0;
        long duplicatesHere = 0;
        try (PreparedStatement mark = connection.prepareStatement(
                "INSERT INTO processed_events (event_id, topic, kafka_partition, kafka_offset) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (event_id) DO NOTHING")) {
            for (Map.Entry<ConsumerRecord<String, String>, EventEnvelope> entry : valid.entrySet()) {
                ConsumerRecord<String, String> record = entry.getKey();
                EventEnvelope event = entry.getValue();
                Savepoint savepoint = connection.setSavepoint();
                mark.setObject(1, event.id());
                mark.setString(2, record.topic());
                mark.setInt(3, record.partition());
                mark.setLong(4, record.offset());
                if (mark.executeUpdate() != 1) {
                    duplicatesHere++;
                    connection.releaseSavepoint(savepoint);
                    continue;
                }
                try {
                    handler.apply(connection, event);
                    connection.releaseSavepoint(savepoint);
                    appliedHere++;
                } catch (RuntimeException e) {
                    connection.rollback(savepoint);
                    poison.add(deadLetter(record, "rejected by " + group + ": " + e.getMessage()));
                } catch (SQLException e) {
                    if (!isCausedByTheData(e)) {
                        throw e;
                    }
                    connection.rollback(savepoint);
                    poison.add(deadLetter(record, "rejected by " + group + "'s database: " + e.getMessage()));
                }
            }
        }
        return new Tally(appliedHere, duplicatesHere);
    }

    /**
     * Reads the batch's records into {@code valid} (in order), and those that fail their schema, or whose type
     * header names another type than their own, into {@code poison}. Records whose type header names a type the
     * handler has no use for are passed over unread.
     */
    private void read(ConsumerRecords<String, String> records, Map<ConsumerRecord<String, String>, EventEnvelope> valid,
            List<ProducerRecord<String, String>> poison) {
        for (ConsumerRecord<String, String> record : records) {
            Header header = record.headers().lastHeader(Topics.TYPE_HEADER);
            String declared = header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
            if (declared != null && !handler.handles(declared)) {
                continue;
            }
            EventEnvelope event;
            try {
                event = EventSchemas.parse(record.value());
            } catch (InvalidEventException e) {
                poison.add(deadLetter(record, e.getMessage()));
                continue;
            }
            if (declared != null && !declared.equals(event.type())) {
                poison.add(deadLetter(record, "header " + Topics.TYPE_HEADER + " says " + declared
                        + " but the event's type is " + event.type()));
            } else {
                valid.put(record, event);
            }
        }
    }

    /**
     * Records the batch's event ids in processed_events in one round trip; returns those recorded now, i.e.
     * not applied before (for an id twice in the batch, its first record is the one kept).
     */
    private static Set<UUID> markAll(Connection connection, Map<ConsumerRecord<String, String>, EventEnvelope> events)
            throws SQLException {
        Set<UUID> recorded = new HashSet<>();
        int n = events.size();
        if (n == 0) {
            return recorded;
        }
        Object[] ids = new Object[n];
        String[] topics = new String[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        int i = 0;
        for (Map.Entry<ConsumerRecord<String, String>, EventEnvelope> entry : events.entrySet()) {
            ids[i] = entry.getValue().id();
            topics[i] = entry.getKey().topic();
            partitions[i] = entry.getKey().partition();
            offsets[i] = entry.getKey().offset();
            i++;
        }
        try (PreparedStatement mark = connection.prepareStatement("INSERT INTO processed_events (event_id, topic, "
                + "kafka_partition, kafka_offset) SELECT event_id, topic, kafka_partition, kafka_offset "
                + "FROM unnest(?::uuid[], ?::text[], ?::int[], ?::bigint[]) "
                + "WITH ORDINALITY AS e(event_id, topic, kafka_partition, kafka_offset, position) ORDER BY position "
                + "ON CONFLICT (event_id) DO NOTHING RETURNING event_id")) {
            mark.setArray(1, connection.createArrayOf("uuid", ids));
            mark.setArray(2, connection.createArrayOf("text", topics));
            mark.setArray(3, connection.createArrayOf("int4", partitions));
            mark.setArray(4, connection.createArrayOf("int8", offsets));
            try (ResultSet rs = mark.executeQuery()) {
                while (rs.next()) {
                    recorded.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return recorded;
    }

    /** SQLSTATE classes 22 (data exception) and 23 (integrity violation) will fail again on every retry. */
    private static boolean isCausedByTheData(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private ProducerRecord<String, String> deadLetter(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("%s: %s-%d@%d goes to the dead-letter topic: %s", group, record.topic(), record.partition(),
                record.offset(), reason);
        ProducerRecord<String, String> dead = new ProducerRecord<>(Topics.deadLetter(record.topic()), record.key(),
                record.value());
        dead.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        dead.headers().add("recall-dlq-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        dead.headers().add("recall-dlq-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        dead.headers().add("recall-dlq-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        dead.headers().add("recall-dlq-consumer-group", group.getBytes(StandardCharsets.UTF_8));
        return dead;
    }
}
