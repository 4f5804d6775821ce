package dev.recall.progress.projection;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventSchemas;
import dev.recall.contracts.InvalidEventException;
import dev.recall.contracts.deck.DeckPublished;
import dev.recall.progress.fold.ProgressFold;
import dev.recall.progress.scheduling.Fsrs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The bulk of a rebuild: every event below the offsets the live consumer group has committed (so the
 * live projection has applied, skipped or dead-lettered each of them, and none needs announcing) is
 * folded in memory by {@link ProgressFold}, which follows the rules of {@link ProgressProjector}
 * (FoldAgreementTest), and the result is written into the rebuild tables in batched statements, with
 * the same binding code as the live projection, in one transaction. The rebuild's consumer group then
 * gets those offsets, and the event-by-event replay goes on from there.
 *
 * <p>Memory: the fold holds every answer and learner x item of the replayed log (1,000,000 answers were folded
 * with a 3 GiB heap; {@code recall.rebuild.bulk=false} avoids it).
 */
final class BulkReplay {
    private static final Logger LOG = Logger.getLogger(BulkReplay.class);
    private static final int BATCH = 1000;

    private record Processed(UUID eventId, String topic, int partition, long offset) {
    }

    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement statement, T value) throws SQLException;
    }

    private BulkReplay() {
    }

    /**
     * Folds {@code upTo} (per partition, exclusive) and writes the result through {@code database}; then
     * commits those offsets for {@code group}; returns the events applied (recorded in processed_events).
     * Nothing is committed, in the database or in Kafka, if it fails.
     */
    static long run(Fsrs fsrs, String bootstrapServers, String group, Map<TopicPartition, Long> upTo,
            DataSource database, Instant deadline) throws SQLException {
        Map<TopicPartition, Long> todo = new HashMap<>(upTo);
        todo.values().removeIf(offset -> offset <= 0);
        if (todo.isEmpty()) {
            return 0;
        }
        ProgressFold fold = new ProgressFold(fsrs);
        List<Processed> processed = new ArrayList<>();
        long invalid = 0;
        long rejected = 0;
        long duplicates = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config(bootstrapServers, group))) {
            consumer.assign(todo.keySet());
            consumer.seekToBeginning(todo.keySet());
            Set<TopicPartition> remaining = new HashSet<>(todo.keySet());
            while (!remaining.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the bulk replay did not reach the live offsets in time; "
                            + "still reading " + remaining);
                }
                List<ConsumerRecord<String, String>> records = new ArrayList<>();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < todo.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
                // Reading and validating the JSON is most of the CPU: both cores do it, in record order.
                List<Object> parsed = records.parallelStream().map(BulkReplay::parse).toList();
                for (int i = 0; i < records.size(); i++) {
                    ConsumerRecord<String, String> record = records.get(i);
                    if (!(parsed.get(i) instanceof EventEnvelope event)) {
                        invalid++; // the live consumer dead-lettered it already
                        continue;
                    }
                    try {
                        if (fold.apply(event)) {
                            processed.add(new Processed(event.id(), record.topic(), record.partition(),
                                    record.offset()));
                        } else {
                            duplicates++;
                        }
                    } catch (RuntimeException e) {
                        rejected++; // as the live projection rejected it
                    }
                }
                Set<TopicPartition> done = new HashSet<>();
                for (TopicPartition partition : remaining) {
                    if (consumer.position(partition) >= todo.get(partition)) {
                        done.add(partition);
                    }
                }
                consumer.pause(done);
                remaining.removeAll(done);
            }
            write(database, fold, processed);
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            todo.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
            consumer.commitSync(offsets);
        }
        LOG.infof("bulk replay: %d events applied, %d answers, %d learner items (%d invalid, %d rejected, "
                + "%d duplicates left out)", processed.size(), fold.answers().size(), fold.learnerItems().size(),
                invalid, rejected, duplicates);
        return processed.size();
    }

    /** The event, or the reason it is invalid. */
    private static Object parse(ConsumerRecord<String, String> record) {
        try {
            return EventSchemas.parse(record.value());
        } catch (InvalidEventException e) {
            return e.getMessage();
        }
    }

    private static Properties config(String bootstrapServers, String group) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return config;
    }

    private static void write(DataSource database, ProgressFold fold, List<Processed> processed) throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (DeckPublished deck : fold.deckVersions()) {
                    ProgressProjector.deckPublished(connection, deck);
                }
                batch(connection, ProgressProjector.INSERT_ANSWER, fold.answers(),
                        (insert, answer) -> ProgressProjector.bindAnswer(connection, insert, answer));
                batch(connection, LearnerItemRows.UPSERT, fold.learnerItems(),
                        (upsert, state) -> LearnerItemRows.bind(connection, upsert, state));
                batch(connection, "INSERT INTO processed_events (event_id, topic, kafka_partition, kafka_offset) "
                        + "VALUES (?, ?, ?, ?)", processed, (insert, event) -> {
                            insert.setObject(1, event.eventId());
                            insert.setString(2, event.topic());
                            insert.setInt(3, event.partition());
                            insert.setLong(4, event.offset());
                        });
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static <T> void batch(Connection connection, String sql, Collection<T> values, Binder<T> binder)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int pending = 0;
            for (T value : values) {
                binder.bind(statement, value);
                statement.addBatch();
                if (++pending == BATCH) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        }
    }
}
