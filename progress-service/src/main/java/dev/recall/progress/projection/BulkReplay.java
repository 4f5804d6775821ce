package dev.recall.progress.projection;

import dev.recall.contracts.AnswerRecordedReader;
import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventSchemas;
import dev.recall.contracts.InvalidEventException;
import dev.recall.contracts.Topics;
import dev.recall.contracts.deck.DeckPublished;
import dev.recall.progress.fold.ProgressFold;
import dev.recall.progress.scheduling.Fsrs;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * The bulk of a rebuild: every event below the offsets the live consumer group has committed (so the
 * live projection has applied, skipped or dead-lettered each of them, and none needs announcing) is
 * folded in memory by {@link ProgressFold}, which follows the rules of {@link ProgressProjector}
 * (FoldAgreementTest), and the result is written into the rebuild tables by COPY, from the same row
 * values as the live projection binds ({@link Columns}), with the indexes built after the rows. The
 * rebuild's consumer group then gets those offsets, and the event-by-event replay goes on from there.
 *
 * <p>Memory: the fold holds every answer and learner x item of the replayed log (1,000,000 answers were folded
 * with a 3 GiB heap; {@code recall.rebuild.bulk=false} avoids it).
 */
final class BulkReplay {
    private static final Logger LOG = Logger.getLogger(BulkReplay.class);

    private BulkReplay() {
    }

    /**
     * Folds {@code upTo} (per partition, exclusive) and writes the result through {@code database}; then
     * commits those offsets for {@code group}; returns the events applied. Their ids go to processed_events, but
     * for answers ({@link ProgressProjector#needsEventId}): an AnswerRecorded delivered again after the switch
     * changes nothing without it, and leaving out a million ids saves the rebuild a million-row COPY and a key
     * built over it.
     * The offsets are committed only once every row is written; after a failure the rebuild tables may hold
     * part of the rows, and are made anew (ProjectionRebuild does).
     */
    static long run(Fsrs fsrs, String bootstrapServers, String group, Map<TopicPartition, Long> upTo,
            DataSource database, Instant deadline, int indexWorkers) throws SQLException {
        Map<TopicPartition, Long> todo = new HashMap<>(upTo);
        todo.values().removeIf(offset -> offset <= 0);
        if (todo.isEmpty()) {
            return 0;
        }
        long started = System.nanoTime();
        List<Index> indexes = Index.drop(database, COPIED);
        Counts counts = new Counts();
        ForkJoinPool parsers = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config(bootstrapServers, group));
                CopyStream answers = new CopyStream(database, ProgressProjector.ANSWER_COLUMNS);
                CopyStream processed = new CopyStream(database, PROCESSED_COLUMNS)) {
            // Answers and processed events stream into their tables as they are folded; only the learner x
            // item states wait for the end of the log.
            ProgressFold fold = new ProgressFold(fsrs, answer -> answers.add(ProgressProjector.answerValues(answer)));
            consumer.assign(todo.keySet());
            consumer.seekToBeginning(todo.keySet());
            Set<TopicPartition> remaining = new HashSet<>(todo.keySet());
            // The deck events (few and small) first: the answers then find their versions known, and the fold
            // keeps no answers waiting for a version, which it would otherwise for every answer fetched before its
            // deck's partition (the fold's result does not depend on the order; FoldAgreementTest).
            Set<TopicPartition> answersLater = new HashSet<>();
            if (remaining.stream().anyMatch(BulkReplay::deckEvents)) {
                remaining.stream().filter(partition -> !deckEvents(partition)).forEach(answersLater::add);
                consumer.pause(answersLater);
            }
            List<ConsumerRecord<byte[], byte[]>> parsing = List.of();
            Future<List<Object>> parsed = CompletableFuture.completedFuture(List.of());
            while (!remaining.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the bulk replay did not reach the live offsets in time; "
                            + "still reading " + remaining);
                }
                List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < todo.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
                // Reading and validating the JSON is most of the CPU: every core reads this poll's records
                // while this thread folds the previous poll's, in record order.
                Future<List<Object>> next = parsers.submit(() -> records.parallelStream().map(BulkReplay::parse)
                        .toList());
                fold(fold, parsing, join(parsed), processed, counts);
                parsing = records;
                parsed = next;
                Set<TopicPartition> done = new HashSet<>();
                for (TopicPartition partition : remaining) {
                    if (consumer.position(partition) >= todo.get(partition)) {
                        done.add(partition);
                    }
                }
                consumer.pause(done);
                remaining.removeAll(done);
                if (!answersLater.isEmpty() && remaining.stream().noneMatch(BulkReplay::deckEvents)) {
                    consumer.resume(answersLater);
                    answersLater.clear();
                }
            }
            fold(fold, parsing, join(parsed), processed, counts);
            long answerRows = answers.finish();
            long processedRows = processed.finish();
            long folded = System.nanoTime();
            String steps = write(database, fold, indexes, indexWorkers);
            LOG.infof("bulk replay: %d events applied, %d answers, %d learner items, %d processed event ids (%d "
                    + "invalid, %d rejected, %d duplicates left out); read, folded and streamed in %d ms, the rest "
                    + "written and %d indexes built in %d ms (%s)", counts.applied, answerRows,
                    fold.learnerItemCount(), processedRows, counts.invalid, counts.rejected, counts.duplicates,
                    (folded - started) / 1_000_000, indexes.size(), (System.nanoTime() - folded) / 1_000_000, steps);
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            todo.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
            consumer.commitSync(offsets);
            return counts.applied;
        } finally {
            parsers.shutdownNow();
        }
    }

    private static boolean deckEvents(TopicPartition partition) {
        return partition.topic().equals(Topics.DECK_EVENTS);
    }

    /** What the fold applied and what it left out, for the log. */
    private static final class Counts {
        long applied;
        long invalid;
        long rejected;
        long duplicates;
    }

    /**
     * An event's id with its payload read ({@link ProgressFold#payload}), or the exception reading it threw. The
     * event's JSON tree is left behind in the parsing thread: the polls read ahead are held as these few objects
     * per event, not as trees, which the garbage collector would copy at every young collection meanwhile.
     */
    private record Decoded(UUID id, Object payload) {
    }

    /**
     * The event decoded, or the reason it is invalid. An answer is read in one pass where that reader is sure
     * ({@link AnswerRecordedReader}: the same id and data as the general path); every other record goes the general
     * path, from the text a StringDeserializer would have given.
     */
    private static Object parse(ConsumerRecord<byte[], byte[]> record) {
        AnswerRecordedReader.Answer answer = AnswerRecordedReader.read(record.value());
        if (answer != null) {
            return new Decoded(answer.eventId(), answer.data());
        }
        EventEnvelope event;
        try {
            event = EventSchemas.parse(record.value() == null ? null : new String(record.value(),
                    StandardCharsets.UTF_8));
        } catch (InvalidEventException e) {
            return e.getMessage();
        }
        try {
            return new Decoded(event.id(), ProgressFold.payload(event));
        } catch (RuntimeException e) {
            return new Decoded(event.id(), e);
        }
    }

    private static void fold(ProgressFold fold, List<ConsumerRecord<byte[], byte[]>> records, List<Object> parsed,
            CopyStream processed, Counts counts) {
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(i);
            if (!(parsed.get(i) instanceof Decoded decoded)) {
                counts.invalid++; // the live consumer dead-lettered it already
                continue;
            }
            try {
                if (decoded.payload() instanceof RuntimeException unreadable) {
                    throw unreadable;
                }
                if (fold.apply(decoded.id(), decoded.payload())) {
                    counts.applied++;
                    if (ProgressProjector.needsEventId(decoded.payload())) {
                        processed.add(new Object[] {decoded.id(), record.topic(), record.partition(),
                            record.offset()});
                    }
                } else {
                    counts.duplicates++;
                }
            } catch (RuntimeException e) {
                counts.rejected++; // as the live projection rejected it
            }
        }
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading events", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading events failed", e.getCause());
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
        // Bytes: the parsing threads decode them, not the fold's thread in poll (the keys are not read).
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }

    private static final Columns PROCESSED_COLUMNS = Columns.of("processed_events", "event_id", Types.OTHER,
            "topic", Types.VARCHAR, "kafka_partition", Types.INTEGER, "kafka_offset", Types.BIGINT);
    /** The tables a bulk fills with COPY, their indexes built afterwards from the loaded rows. */
    private static final List<String> COPIED = List.of("answers", "learner_items", "processed_events");

    /**
     * Writes what the fold kept into the rebuild's fresh tables (answers and processed events are in by
     * now): the deck versions as the live projection writes them, learner_items by COPY, and the indexes
     * and keys {@link Index#drop} took off the copied tables, built from the loaded rows, two at a time.
     * Nobody reads these tables before the switch, and a failure starts the rebuild over on fresh tables,
     * so the steps need not share a transaction; a row the keys refuse fails the bulk. Returns each step's
     * wall time, for the log.
     */
    private static String write(DataSource database, ProgressFold fold, List<Index> indexes, int indexWorkers)
            throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            for (DeckPublished deck : fold.deckVersions()) {
                ProgressProjector.deckPublished(connection, deck);
            }
            connection.commit();
        }
        // Two at a time: learner_items is copied while the other tables' indexes are built, and its own indexes are
        // queued once its rows are in, for whichever thread is free first.
        Map<String, Long> took = new ConcurrentSkipListMap<>();
        SqlTask learnerRows = () -> timed(took, "learner_items rows", () -> CopyStream.copyAll(database,
                LearnerItemRows.COLUMNS, fold.learnerItems(), LearnerItemRows::values));
        List<SqlTask> learnerIndexes = new ArrayList<>();
        List<SqlTask> otherIndexes = new ArrayList<>();
        for (Index index : indexes) {
            (index.table().equals("learner_items") ? learnerIndexes : otherIndexes).add(() -> timed(took,
                    index.name(), () -> build(database, index.definition(), indexWorkers)));
        }
        inParallel(2, learnerRows, learnerIndexes, otherIndexes);
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            for (Index index : indexes) {
                if (index.constraint() != null) {
                    statement.execute(index.attach());
                }
            }
        }
        StringBuilder steps = new StringBuilder();
        took.forEach((step, ms) -> steps.append(steps.isEmpty() ? "" : ", ").append(step).append(' ').append(ms)
                .append(" ms"));
        return steps.toString();
    }

    private static void timed(Map<String, Long> took, String step, SqlTask task) throws SQLException {
        long started = System.nanoTime();
        task.run();
        took.put(step, (System.nanoTime() - started) / 1_000_000);
    }

    /** An index of a copied table, as created by the migrations; with the key constraint it backs, if any. */
    private record Index(String table, String name, String definition, String constraint, String constraintType) {
        /** Drops every index and key of {@code tables} in the current schema; returns how to build them again. */
        static List<Index> drop(DataSource database, List<String> tables) throws SQLException {
            try (Connection connection = database.getConnection()) {
                connection.setAutoCommit(false);
                List<Index> indexes = drop(connection, tables);
                connection.commit();
                return indexes;
            }
        }

        private static List<Index> drop(Connection connection, List<String> tables) throws SQLException {
            List<Index> indexes = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT t.relname, i.relname, "
                    + "pg_get_indexdef(i.oid), c.conname, c.contype FROM pg_index x "
                    + "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
                    + "JOIN pg_namespace n ON n.oid = t.relnamespace "
                    + "LEFT JOIN pg_constraint c ON c.conindid = i.oid AND c.conrelid = t.oid "
                    + "WHERE n.nspname = current_schema() AND t.relname = ANY (?) "
                    + "AND (c.contype IS NULL OR c.contype IN ('p', 'u')) ORDER BY t.relname, i.relname")) {
                select.setArray(1, connection.createArrayOf("text", tables.toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        indexes.add(new Index(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5)));
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                for (Index index : indexes) {
                    statement.execute(index.constraint() == null ? "DROP INDEX " + index.name()
                            : "ALTER TABLE " + index.table() + " DROP CONSTRAINT " + index.constraint());
                }
            }
            return indexes;
        }

        /** Makes the rebuilt unique index the key it backed. */
        String attach() {
            return "ALTER TABLE " + table + " ADD CONSTRAINT " + constraint
                    + ("p".equals(constraintType) ? " PRIMARY KEY" : " UNIQUE") + " USING INDEX " + name;
        }
    }

    @FunctionalInterface
    private interface SqlTask {
        void run() throws SQLException;
    }

    /** Builds an index with {@code workers} parallel workers of PostgreSQL's. */
    private static void build(DataSource database, String definition, int workers) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET maintenance_work_mem = '256MB'");
            statement.execute("SET max_parallel_maintenance_workers = " + workers);
            statement.execute(definition);
        }
    }

    /**
     * Runs {@code first}, then {@code afterFirst}, and meanwhile {@code meanwhile}, on {@code threads} threads:
     * the tasks of afterFirst are queued when first ends, behind those still waiting. The first failure is thrown
     * once every task has ended.
     */
    private static void inParallel(int threads, SqlTask first, List<SqlTask> afterFirst, List<SqlTask> meanwhile)
            throws SQLException {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CompletableFuture<Void> firstDone = CompletableFuture.runAsync(unchecked(first), executor);
            List<CompletableFuture<Void>> futures = new ArrayList<>(List.of(firstDone));
            meanwhile.forEach(task -> futures.add(CompletableFuture.runAsync(unchecked(task), executor)));
            afterFirst.forEach(task -> futures.add(firstDone.thenRunAsync(unchecked(task), executor)));
            Throwable failure = null;
            for (Future<Void> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = failure == null ? e : failure;
                }
            }
            if (failure instanceof SQLException sql) {
                throw sql;
            }
            if (failure != null) {
                throw new IllegalStateException("the bulk write failed", failure);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static Runnable unchecked(SqlTask task) {
        return () -> {
            try {
                task.run();
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        };
    }
}
