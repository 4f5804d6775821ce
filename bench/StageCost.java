import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recall.contracts.AnswerRecordedReader;
import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventSchemas;
import dev.recall.contracts.Json;
import dev.recall.progress.fold.ProgressFold;
import dev.recall.progress.scheduling.Fsrs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Replay benchmark helper: the CPU a rebuild spends per event in each stage of reading it, on one thread,
 * over the first --events records of both topics (read once, then timed twice, the first pass warming the
 * JIT): on the general path, JSON tree, schema validation (EventSchemas.problems) and envelope + typed data
 * (EventSchemas.parse minus the first two, plus ProgressFold.payload); the read as a rebuild's bulk does it
 * (AnswerRecordedReader in one pass where it is sure, the general path for the rest, from the record's bytes);
 * and the fold (ProgressFold, answers handed on, not kept).
 * Run on progress-service's classpath: java -cp 'progress-service/target/quarkus-app/app/*:.../lib/main/*'
 * bench/StageCost.java --bootstrap=HOST:PORT --events=200000
 */
public class StageCost {
    public static void main(String[] args) throws Exception {
        String bootstrap = null;
        int events = 200_000;
        for (String arg : args) {
            if (arg.startsWith("--bootstrap=")) {
                bootstrap = arg.substring("--bootstrap=".length());
            } else if (arg.startsWith("--events=")) {
                events = Integer.parseInt(arg.substring("--events=".length()));
            }
        }
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("group.id", "bench-stage-cost-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        config.put("max.poll.records", "5000");
        config.put("key.deserializer", ByteArrayDeserializer.class.getName());
        config.put("value.deserializer", ByteArrayDeserializer.class.getName());
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("recall.deck-events", "recall.quiz-events"));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (values.size() < events && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        double[] perEvent = null;
        for (int pass = 0; pass < 2; pass++) {
            perEvent = pass(values);
        }
        System.out.printf(Locale.ROOT, "events=%d tree=%.2f validate=%.2f bind=%.2f read=%.2f onepass=%.4f fold=%.2f "
                + "total=%.2f%n", values.size(), perEvent[0], perEvent[1], perEvent[2], perEvent[3], perEvent[5], perEvent[4],
                perEvent[3] + perEvent[4]);
    }

    /**
     * Microseconds per event in each stage: tree, validation, binding, the bulk's read, fold; and the share of the
     * events the one-pass reader read.
     */
    static double[] pass(List<byte[]> values) throws Exception {
        long tree = 0;
        long validate = 0;
        long bind = 0;
        long read = 0;
        long onePass = 0;
        long fold = 0;
        ProgressFold progress = new ProgressFold(new Fsrs(), answer -> { });
        for (byte[] bytes : values) {
            long r0 = System.nanoTime();
            AnswerRecordedReader.Answer answer = AnswerRecordedReader.read(bytes);
            if (answer == null) {
                try {
                    ProgressFold.payload(EventSchemas.parse(new String(bytes, StandardCharsets.UTF_8)));
                } catch (RuntimeException e) {
                    // invalid: the bulk counts it and goes on
                }
            } else {
                onePass++;
            }
            read += System.nanoTime() - r0;
            String value = new String(bytes, StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            JsonNode node = Json.MAPPER.readTree(value);
            long t1 = System.nanoTime();
            if (!EventSchemas.problems(node).isEmpty()) {
                continue;
            }
            long t2 = System.nanoTime();
            // parse() again reads the tree and validates it; its extra cost is the tree and validation above
            EventEnvelope event = EventSchemas.parse(value);
            Object payload = ProgressFold.payload(event);
            long t3 = System.nanoTime();
            progress.apply(event.id(), payload);
            long t4 = System.nanoTime();
            tree += t1 - t0;
            validate += t2 - t1;
            bind += (t3 - t2) - (t1 - t0) - (t2 - t1);
            fold += t4 - t3;
        }
        double n = values.size() * 1000.0;
        return new double[] {tree / n, validate / n, Math.max(0, bind) / n, read / n, fold / n,
            onePass / (double) values.size()};
    }
}
