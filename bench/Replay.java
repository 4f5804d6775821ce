import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventSchemas;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.Json;
import dev.recall.contracts.Topics;
import dev.recall.contracts.deck.AcceptedAnswer;
import dev.recall.contracts.deck.DeckPublished;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import dev.recall.contracts.deck.MatchPair;
import dev.recall.contracts.deck.NumericAnswer;
import dev.recall.contracts.deck.Option;
import dev.recall.contracts.quiz.AnswerRecorded;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Replay benchmark helper, run as a single-file program on contracts/target/classes plus the classpath
 * that bench/pom.xml resolves (see bench/run):
 * <ul>
 * <li>{@code generate}: publishes {@code --decks} decks of {@code --items} items of every kind as
 * {@code recall.deck.published} on recall.deck-events (keyed by deck id, as deck-service's outbox does) and
 * {@code --events} {@code recall.quiz.answer-recorded} on recall.quiz-events (keyed by learner id, as
 * quiz-service's outbox does) from {@code --learners} learners studying over simulated days; everything
 * from one {@code --seed}, built with the contracts' records and serialised with Json.MAPPER.</li>
 * <li>{@code await}: waits until a consumer group has committed the end offset of every partition of
 * {@code --topics}.</li>
 * <li>{@code count}: the number of records in {@code --topics} (end offsets summed: the topics are never
 * compacted or truncated).</li>
 * </ul>
 */
public class Replay {
    static final Instant EPOCH = Instant.parse("2026-01-05T07:00:00Z");
    static final String[] KIND_PLAN = plan();

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                o.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        String command = args.length == 0 ? "help" : args[0];
        String bootstrap = o.get("bootstrap");
        switch (command) {
            case "generate" -> generate(bootstrap, Long.parseLong(o.getOrDefault("events", "1000000")),
                    Integer.parseInt(o.getOrDefault("learners", "10000")), Integer.parseInt(o.getOrDefault("decks", "20")),
                    Integer.parseInt(o.getOrDefault("items", "50")), Long.parseLong(o.getOrDefault("seed", "20261127")));
            case "await" -> await(bootstrap, o.get("group"), List.of(o.getOrDefault("topics",
                    Topics.DECK_EVENTS + "," + Topics.QUIZ_EVENTS).split(",")), Duration.parse(o.getOrDefault("timeout", "PT1H")));
            case "count" -> {
                try (Admin admin = admin(bootstrap)) {
                    System.out.println(endOffsets(admin, List.of(o.get("topics").split(","))).values().stream()
                            .mapToLong(Long::longValue).sum());
                }
            }
            default -> System.out.println("java -cp CLASSPATH bench/Replay.java generate|await|count --bootstrap=HOST:PORT"
                    + " [--events=1000000 --learners=10000 --decks=20 --items=50 --seed=N] [--group=G --topics=a,b --timeout=PT1H]");
        }
    }

    // ---------------------------------------------------------------- decks

    /** Per 50 items: 20 flashcards, 12 multiple choice, 5 true/false, 4 free response, 4 short answer, 3 numeric, 2 matching. */
    static String[] plan() {
        List<String> kinds = new ArrayList<>();
        Map<ItemKind, Integer> mix = new LinkedHashMap<>();
        mix.put(ItemKind.FLASHCARD, 20);
        mix.put(ItemKind.MULTIPLE_CHOICE, 12);
        mix.put(ItemKind.TRUE_FALSE, 5);
        mix.put(ItemKind.FREE_RESPONSE, 4);
        mix.put(ItemKind.SHORT_ANSWER, 4);
        mix.put(ItemKind.NUMERIC, 3);
        mix.put(ItemKind.MATCHING, 2);
        mix.forEach((kind, n) -> {
            for (int i = 0; i < n; i++) {
                kinds.add(kind.name());
            }
        });
        return kinds.toArray(new String[0]);
    }

    static final String[] SUBJECTS = {"Reproducible pipelines", "Linear algebra", "Organic chemistry", "Spanish verbs",
            "World capitals", "Cell biology", "Music theory", "SQL joins", "Probability", "Roman history",
            "Git internals", "Anatomy: bones", "Japanese kana", "Thermodynamics", "Tax law basics", "Kafka operations",
            "French wines", "Statistics", "Pharmacology", "Typography"};

    static DeckPublished deck(Random rnd, int index, int itemCount, Instant publishedAt) {
        UUID deckId = uuid(rnd);
        String subject = SUBJECTS[index % SUBJECTS.length] + (index >= SUBJECTS.length ? " " + (index / SUBJECTS.length + 1) : "");
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < itemCount; i++) {
            ItemKind kind = ItemKind.valueOf(KIND_PLAN[(i * KIND_PLAN.length / itemCount + i) % KIND_PLAN.length]);
            double l = rnd.nextDouble();
            Level level = l < 0.4 ? Level.BEGINNER : l < 0.75 ? Level.INTERMEDIATE : Level.ADVANCED;
            UUID id = uuid(rnd);
            String q = subject + ", question " + (i + 1);
            Item item = switch (kind) {
                case FLASHCARD -> Item.flashcard(id, level, q + ": what is term " + (i + 1) + "?",
                        "The definition of term " + (i + 1) + " in " + subject.toLowerCase(Locale.ROOT) + ".");
                case MULTIPLE_CHOICE -> {
                    int correct = rnd.nextInt(4);
                    List<Option> options = new ArrayList<>();
                    for (int k = 0; k < 4; k++) {
                        options.add(new Option(String.valueOf((char) ('a' + k)), "Option " + (char) ('A' + k) + " of " + q,
                                k == correct, k == correct ? "Right." : "Not quite: see the explanation.", null));
                    }
                    yield Item.multipleChoice(id, level, q + ": which of these holds?", options,
                            "Because of rule " + (i + 1) + ".");
                }
                case TRUE_FALSE -> Item.trueFalse(id, level, q + ": this statement is true.", rnd.nextBoolean());
                case FREE_RESPONSE -> Item.freeResponse(id, level, "Explain " + q.toLowerCase(Locale.ROOT) + ".",
                        "Think of three things.", List.of("cause " + (i + 1), "effect " + (i + 1), "example " + (i + 1)),
                        "A model answer naming the cause, the effect and an example.");
                case SHORT_ANSWER -> Item.shortAnswer(id, level, q + ": name it in one word.",
                        List.of(AcceptedAnswer.of("answer" + (i + 1)), new AcceptedAnswer("almost" + (i + 1), 50.0,
                                "Close: half credit.")));
                case NUMERIC -> Item.numeric(id, level, q + ": how many?",
                        List.of(NumericAnswer.exactly(10 + i, 0.5)));
                case MATCHING -> Item.matching(id, level, q + ": match each term to its meaning.",
                        List.of(new MatchPair("alpha", "first"), new MatchPair("beta", "second"),
                                new MatchPair("gamma", "third"), new MatchPair("delta", "fourth")));
            };
            items.add(item);
        }
        String title = subject;
        String description = "Generated for the replay benchmark: " + itemCount + " items of every kind.";
        List<String> tags = List.of("bench", subject.toLowerCase(Locale.ROOT).split(" ")[0]);
        return new DeckPublished(deckId, 1, contentHash(title, description, tags, items), title, description, tags,
                List.copyOf(items), publishedAt);
    }

    /** As deck-service's ContentHash: SHA-256 of the canonical JSON of {title, description, tags, items}. */
    record PublishedContent(String title, String description, List<String> tags, List<Item> items) {
    }

    static String contentHash(String title, String description, List<String> tags, List<Item> items) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    Json.canonical(new PublishedContent(title, description, tags, items)).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- learners

    static final class Learner {
        final String id;
        final int[] decks;
        final byte[] attempts;
        Instant clock;

        Learner(String id, int[] decks, int deckCount, int items, Instant clock) {
            this.id = id;
            this.decks = decks;
            this.attempts = new byte[deckCount * items];
            this.clock = clock;
        }
    }

    static void generate(String bootstrap, long events, int learnerCount, int deckCount, int itemCount, long seed)
            throws Exception {
        Random rnd = new Random(seed);
        long started = System.nanoTime();
        List<DeckPublished> decks = new ArrayList<>();
        for (int d = 0; d < deckCount; d++) {
            decks.add(deck(rnd, d, itemCount, EPOCH.minus(Duration.ofDays(30 - d))));
        }
        // Deck popularity: a few decks have most learners (weights 1/(rank+1)).
        double[] popularity = new double[deckCount];
        double total = 0;
        for (int d = 0; d < deckCount; d++) {
            total += 1.0 / (d + 1);
            popularity[d] = total;
        }
        PriorityQueue<Learner> due = new PriorityQueue<>((a, b) -> a.clock.compareTo(b.clock));
        for (int l = 0; l < learnerCount; l++) {
            int enrolled = 1 + rnd.nextInt(4);
            int[] chosen = new int[enrolled];
            for (int k = 0; k < enrolled; k++) {
                double x = rnd.nextDouble() * total;
                int d = 0;
                while (popularity[d] < x) {
                    d++;
                }
                chosen[k] = d;
            }
            // First sessions spread over the first week, in the learner's daytime.
            Instant first = EPOCH.plus(Duration.ofMinutes(rnd.nextInt(7 * 24 * 60)));
            due.add(new Learner(String.format(Locale.ROOT, "learner-%05d", l + 1), chosen, deckCount, itemCount, first));
        }

        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long bytes = 0;
        long validated = 0;
        Map<String, Long> byKind = new LinkedHashMap<>();
        long correct = 0;
        long sessions = 0;
        Instant last = EPOCH;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            List<Future<?>> deckAcks = new ArrayList<>();
            for (DeckPublished deck : decks) {
                // deck-service: created (1), one item-added per item, then published.
                EventEnvelope envelope = new EventEnvelope(uuid(rnd), EventTypes.DECK_PUBLISHED, "deck-service",
                        deck.deckId().toString(), deck.publishedAt(), 1, (long) deck.items().size() + 2,
                        Json.MAPPER.valueToTree(deck));
                String json = validate(Json.write(envelope));
                validated++;
                deckAcks.add(producer.send(new ProducerRecord<>(Topics.DECK_EVENTS, deck.deckId().toString(), json)));
            }
            for (Future<?> ack : deckAcks) {
                ack.get(60, TimeUnit.SECONDS);
            }
            long sent = 0;
            while (sent < events) {
                Learner learner = due.poll();
                DeckPublished deck = decks.get(learner.decks[rnd.nextInt(learner.decks.length)]);
                int deckIndex = decks.indexOf(deck);
                UUID sessionId = uuid(rnd);
                sessions++;
                int length = (int) Math.min(events - sent, 8 + rnd.nextInt(18));
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < deck.items().size(); i++) {
                    order.add(i);
                }
                Collections.shuffle(order, rnd);
                Instant at = learner.clock;
                for (int k = 0; k < length && k < order.size(); k++) {
                    int position = order.get(k);
                    Item item = deck.items().get(position);
                    int slot = deckIndex * itemCount + position;
                    int seen = learner.attempts[slot];
                    if (seen < 127) {
                        learner.attempts[slot]++;
                    }
                    long latencyMs = 2_000 + (long) (rnd.nextDouble() * rnd.nextDouble() * 40_000);
                    at = at.plusMillis(latencyMs + rnd.nextInt(1_500));
                    AnswerRecorded answer = answer(rnd, learner.id, sessionId, deck, item, seen, at, latencyMs);
                    EventEnvelope envelope = new EventEnvelope(uuid(rnd), EventTypes.ANSWER_RECORDED, "quiz-service",
                            learner.id, at.plusMillis(5 + rnd.nextInt(40)), 1, null, Json.MAPPER.valueToTree(answer));
                    String json = Json.write(envelope);
                    if (sent < 2_000 || sent % 500 == 0) {
                        validate(json);
                        validated++;
                    }
                    bytes += json.length();
                    byKind.merge(item.kind().name(), 1L, Long::sum);
                    if (answer.correct()) {
                        correct++;
                    }
                    producer.send(new ProducerRecord<>(Topics.QUIZ_EVENTS, learner.id, json), (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                    sent++;
                }
                if (failure.get() != null) {
                    throw failure.get();
                }
                last = at.isAfter(last) ? at : last;
                // Next session: hours to a few days later, in the same learner's rhythm.
                learner.clock = at.plus(Duration.ofMinutes(60 * 8 + (long) (rnd.nextDouble() * rnd.nextDouble() * 60 * 24 * 5)));
                due.add(learner);
            }
            producer.flush();
            if (failure.get() != null) {
                throw failure.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "generated decks=%d items=%d answers=%d learners=%d sessions=%d correct=%.3f"
                    + " simulatedDays=%.1f meanAnswerBytes=%d validated=%d seconds=%.1f events/s=%.0f%n", decks.size(),
                    deckCount * itemCount, sent, learnerCount, sessions, correct / (double) sent,
                    Duration.between(EPOCH, last).toHours() / 24.0, bytes / Math.max(1, sent), validated, seconds,
                    sent / seconds);
            System.out.println("byKind " + byKind);
        }
    }

    /** An answer as quiz-service grades and announces it (Grader, AutoGraders): correctness grows with attempts. */
    static AnswerRecorded answer(Random rnd, String learner, UUID sessionId, DeckPublished deck, Item item, int seen,
            Instant at, long latencyMs) {
        double base = switch (item.level()) {
            case BEGINNER -> 0.62;
            case INTERMEDIATE -> 0.5;
            case ADVANCED -> 0.38;
        };
        double p = Math.min(0.97, base + 0.35 * (1 - Math.exp(-seen / 2.0)));
        boolean right = rnd.nextDouble() < p;
        String rating = null;
        List<String> selected = null;
        List<String> concepts = null;
        Integer hit = null;
        Integer conceptsTotal = null;
        String text = null;
        Double value = null;
        Map<String, String> pairs = null;
        double score = right ? 1.0 : 0.0;
        boolean correct = right;
        switch (item.kind()) {
            case FLASHCARD -> {
                double r = rnd.nextDouble();
                rating = !right ? "AGAIN" : r < 0.2 ? "HARD" : r < 0.8 ? "GOOD" : "EASY";
            }
            case MULTIPLE_CHOICE -> {
                List<String> wrong = item.options().stream().filter(opt -> !opt.correct()).map(Option::id).toList();
                String correctId = item.options().stream().filter(Option::correct).findFirst().orElseThrow().id();
                selected = List.of(right ? correctId : wrong.get(rnd.nextInt(wrong.size())));
            }
            case TRUE_FALSE -> selected = List.of(String.valueOf(right == item.answer()));
            case FREE_RESPONSE -> {
                List<String> covered = new ArrayList<>();
                for (String concept : item.concepts()) {
                    if (right || rnd.nextDouble() < 0.4) {
                        covered.add(concept);
                    }
                }
                concepts = covered;
                hit = covered.size();
                conceptsTotal = item.concepts().size();
                score = hit / (double) conceptsTotal;
                correct = hit.equals(conceptsTotal);
            }
            case SHORT_ANSWER -> {
                if (right) {
                    text = item.acceptedAnswers().get(0).text();
                } else if (rnd.nextDouble() < 0.3) {
                    text = item.acceptedAnswers().get(1).text();
                    score = 0.5;
                } else {
                    text = "no idea";
                }
            }
            case NUMERIC -> {
                double target = item.numericAnswers().get(0).value();
                value = right ? target + (rnd.nextInt(3) - 1) * 0.25 : target + 1 + rnd.nextInt(5);
            }
            case MATCHING -> {
                pairs = new LinkedHashMap<>();
                List<MatchPair> all = item.pairs();
                int matched = right ? all.size() : rnd.nextInt(all.size() - 1);
                for (int k = 0; k < all.size(); k++) {
                    pairs.put(all.get(k).left(), k < matched ? all.get(k).right()
                            : all.get((k + 1) % all.size()).right());
                }
                // A rotation of the rest leaves at most one of them right by accident: count what the grader would.
                int actually = 0;
                for (MatchPair pair : all) {
                    if (pair.right().equals(pairs.get(pair.left()))) {
                        actually++;
                    }
                }
                score = actually / (double) all.size();
                correct = actually == all.size();
            }
        }
        return new AnswerRecorded(uuid(rnd), sessionId, learner, deck.deckId(), deck.version(), item.id(), item.kind(),
                item.level(), correct, score, rating, selected, concepts, hit, conceptsTotal, at, latencyMs, text, value,
                pairs);
    }

    static String validate(String json) throws Exception {
        List<String> problems = EventSchemas.problems(Json.MAPPER.readTree(json));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("generated an invalid event " + problems + ": " + json);
        }
        return json;
    }

    /** A version-4-shaped UUID from the seeded generator, so the same seed gives the same ids. */
    static UUID uuid(Random rnd) {
        long msb = (rnd.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    // ---------------------------------------------------------------- offsets

    static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.values().forEach(topic -> topic.partitions().forEach(partition ->
                latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Waits until {@code group} has committed every partition's end offset; prints the records it had to commit. */
    static void await(String bootstrap, String group, List<String> topics, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin(bootstrap)) {
            Map<TopicPartition, Long> target = endOffsets(admin, topics);
            long records = target.values().stream().mapToLong(Long::longValue).sum();
            System.out.println("watching group=" + group + " records=" + records);
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                long behind = 0;
                for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    behind += end.getValue() - (at == null ? 0 : Math.min(at.offset(), end.getValue()));
                }
                if (behind == 0) {
                    System.out.println("caught up at=" + System.currentTimeMillis() + " records=" + records);
                    return;
                }
                if (System.nanoTime() > deadline) {
                    System.out.println("timeout behind=" + behind + " records=" + records);
                    System.exit(2);
                }
                Thread.sleep(200);
            }
        }
    }
}
