package dev.recall.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recall.testing.RecallInfra;
import dev.recall.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Fault drills over the packaged services: a crash of progress-service while answers stream in,
 * the broker gone while learners keep answering, PostgreSQL restarted under load, poison records,
 * answers before their deck, and redelivered answers. Each drill prints {@code drill <name>: sent=… accepted=… applied=… lost=… duplicated=…}.
 * The drills use their own databases and consumer groups, so they share nothing with EndToEndTest.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultDrillsTest {
    static final Duration EVENTUAL = Duration.ofSeconds(90);
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String QUIZ_EVENTS = "recall.quiz-events";
    static final String PROGRESS_GROUP = "progress-drill-" + RUN;
    static final String[] RATINGS = {"AGAIN", "HARD", "GOOD", "EASY"};
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final ServiceProcess DECK = new ServiceProcess("deck-service", "recall_drill_deck");
    static final ServiceProcess QUIZ = new ServiceProcess("quiz-service", "recall_drill_quiz",
            Map.of("RECALL_CONSUMER_GROUP", "quiz-drill-" + RUN));
    static final ServiceProcess PROGRESS = new ServiceProcess("progress-service", "recall_drill_progress",
            Map.of("RECALL_CONSUMER_GROUP", PROGRESS_GROUP));

    record Deck(String id, List<String> itemIds) {
    }

    record Learner(String id, String sessionId) {
    }

    record Answer(Learner learner, String itemId, String answerId, String rating) {
        String json() {
            return "{\"answerId\":\"" + answerId + "\",\"itemId\":\"" + itemId + "\",\"rating\":\"" + rating
                    + "\",\"latencyMs\":3000}";
        }
    }

    @BeforeAll
    static void startTheSuite() throws InterruptedException {
        startAll(List.of(DECK, QUIZ, PROGRESS));
    }

    @AfterAll
    static void stopTheSuite() throws InterruptedException {
        for (ServiceProcess service : List.of(DECK, QUIZ, PROGRESS)) {
            service.stop();
        }
    }

    static void startAll(List<ServiceProcess> services) throws InterruptedException {
        for (ServiceProcess service : services) {
            RecallInfra.recreateDatabase(service.database);
            service.start();
        }
        for (ServiceProcess service : services) {
            service.awaitReady(EVENTUAL);
        }
    }

    // ---- drills ----

    @Test
    @Order(1)
    void aKillOfProgressServiceDuringLiveProcessingEndsEqualToACleanRebuild() throws Exception {
        Deck deck = publishFlashcards(DECK, QUIZ, "kill -9 drill", 10);
        List<Learner> learners = startSessions(QUIZ, deck, "kill", 30);
        List<Answer> answers = answersOf(learners, deck);
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> sent = new ArrayList<>();
        for (Answer answer : answers) {
            sent.add(clients.submit(() -> {
                assertEquals(200, postAnswer(QUIZ, answer).statusCode(), "answer " + answer.answerId());
                accepted.incrementAndGet();
                return null;
            }));
        }
        // The crash lands while answers still arrive and progress-service is folding them.
        await().atMost(EVENTUAL).until(() -> accepted.get() >= answers.size() / 3 && answersCounted(PROGRESS, deck) > 0);
        PROGRESS.kill();
        for (Future<?> answer : sent) {
            answer.get(EVENTUAL.toSeconds(), TimeUnit.SECONDS);
        }
        clients.shutdown();
        PROGRESS.start();

        ServiceProcess rebuilt = new ServiceProcess("progress-service", "recall_drill_progress_clean",
                Map.of("RECALL_CONSUMER_GROUP", "progress-drill-clean-" + RUN));
        try {
            startAll(List.of(rebuilt));
            PROGRESS.awaitReady(EVENTUAL);
            await().atMost(EVENTUAL).until(() -> answersCounted(PROGRESS, deck) == answers.size()
                    && answersCounted(rebuilt, deck) == answers.size());
            int applied = 0;
            int duplicated = 0;
            for (Learner learner : learners) {
                assertEquals(withoutReadTime(mastery(rebuilt, learner, deck)),
                        withoutReadTime(mastery(PROGRESS, learner, deck)), "mastery of " + learner.id());
                for (String itemId : deck.itemIds()) {
                    Map<String, Object> restarted = learnerItem(PROGRESS, learner, itemId);
                    assertEquals(withoutReadTime(learnerItem(rebuilt, learner, itemId)),
                            withoutReadTime(restarted), learner.id() + " on " + itemId);
                    int attempts = ((Number) restarted.get("attempts")).intValue();
                    applied += attempts;
                    duplicated += Math.max(0, attempts - 1);
                }
            }
            report("kill-9-progress-live", answers.size(), accepted.get(), applied, duplicated);
            assertEquals(answers.size(), accepted.get());
            assertEquals(answers.size(), applied);
            assertEquals(0, duplicated);
            await().atMost(EVENTUAL).until(() -> stateHash(PROGRESS).equals(stateHash(rebuilt)));

            // A crash in the middle of a rebuild leaves the live tables as they were: still equal to the clean rebuild.
            given().post(PROGRESS.url() + "/admin/rebuild").then().statusCode(202);
            await().atMost(EVENTUAL).until(() -> {
                Response rebuild = given().get(PROGRESS.url() + "/admin/projection");
                String state = rebuild.path("rebuild.state");
                return List.of("FOLDING", "REPLAYING", "SWITCHING", "DONE").contains(state);
            });
            Response caught = given().get(PROGRESS.url() + "/admin/projection");
            PROGRESS.kill();
            System.out.println("drill kill-9-progress-rebuild: killed in rebuild state " + caught.path("rebuild.state")
                    + " after " + caught.path("rebuild.eventsApplied") + " replayed events");
            PROGRESS.start();
            PROGRESS.awaitReady(EVENTUAL);
            await().atMost(EVENTUAL).until(() -> "LIVE".equals(projectionField(PROGRESS, "status"))
                    && stateHash(PROGRESS).equals(stateHash(rebuilt)));
            int afterRebuild = answersCounted(PROGRESS, deck);
            report("kill-9-progress-rebuild", answers.size(), accepted.get(), afterRebuild,
                    Math.max(0, afterRebuild - answers.size()));
            assertEquals(answers.size(), afterRebuild);
        } finally {
            rebuilt.stop();
        }
    }

    @Test
    @Order(2)
    void theSameAnswersSentTwiceAndRedeliveredAreCountedOnce() throws Exception {
        Deck deck = publishFlashcards(DECK, QUIZ, "replay drill", 5);
        List<Learner> learners = startSessions(QUIZ, deck, "replay", 10);
        List<Answer> answers = answersOf(learners, deck);
        int sent = 0;
        int accepted = 0;
        for (Answer answer : answers) {
            HttpResponse<String> first = postAnswer(QUIZ, answer);
            HttpResponse<String> retry = postAnswer(QUIZ, answer);
            sent += 2;
            assertEquals(200, first.statusCode(), first.body());
            assertEquals(200, retry.statusCode(), retry.body());
            assertEquals(first.body(), retry.body(), "a retry returns the first result");
            accepted++;
        }
        await().atMost(EVENTUAL).until(() -> answersCounted(PROGRESS, deck) == answers.size());
        long skippedBefore = projection(PROGRESS, "duplicatesSkipped");

        // A relay that crashed after sending but before deleting its outbox rows sends them again.
        List<ConsumerRecord<String, String>> recorded = TopicReader.awaitRecords(QUIZ_EVENTS,
                r -> r.value().contains("recall.quiz.answer-recorded") && r.value().contains(deck.id()),
                answers.size(), EVENTUAL);
        try (KafkaProducer<String, String> producer = producer()) {
            for (ConsumerRecord<String, String> record : recorded) {
                producer.send(new ProducerRecord<>(QUIZ_EVENTS, record.key(), record.value())).get();
                sent++;
            }
        }
        await().atMost(EVENTUAL).until(() -> projection(PROGRESS, "duplicatesSkipped") >= skippedBefore + answers.size());
        int applied = 0;
        int duplicated = 0;
        for (Learner learner : learners) {
            for (String itemId : deck.itemIds()) {
                int attempts = ((Number) learnerItem(PROGRESS, learner, itemId).get("attempts")).intValue();
                applied += attempts;
                duplicated += Math.max(0, attempts - 1);
            }
        }
        assertEquals(answers.size(), answersCounted(PROGRESS, deck));
        report("same-answer-ids-twice", sent, accepted, applied, duplicated);
        assertEquals(answers.size(), applied);
        assertEquals(0, duplicated);
    }

    @Test
    @Order(3)
    void poisonRecordsLandOnTheDeadLetterTopicWithTheirReason() throws Exception {
        String key = "poison-" + RUN;
        List<String> poison = List.of("{\"id\": \"not json at all " + RUN,
                "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"recall.quiz.answer-recorded\",\"source\":\"drill\","
                        + "\"subject\":\"" + key + "\",\"time\":\"2026-11-27T09:00:00Z\",\"schemaVersion\":1,"
                        + "\"data\":{\"answerId\":\"" + RUN + "\",\"correct\":\"maybe\"}}");
        try (KafkaProducer<String, String> producer = producer()) {
            for (String value : poison) {
                producer.send(new ProducerRecord<>(QUIZ_EVENTS, key, value)).get();
            }
        }
        List<ConsumerRecord<String, String>> dead = TopicReader.awaitRecords(QUIZ_EVENTS + ".dlq",
                r -> key.equals(r.key()) && PROGRESS_GROUP.equals(header(r, "recall-dlq-consumer-group")),
                poison.size(), EVENTUAL);
        for (int i = 0; i < poison.size(); i++) {
            assertEquals(poison.get(i), dead.get(i).value());
            String reason = header(dead.get(i), "recall-dlq-reason");
            assertTrue(reason != null && !reason.isBlank(), "a dead letter says why");
            assertEquals(QUIZ_EVENTS, header(dead.get(i), "recall-dlq-topic"));
            System.out.println("drill poison: reason of record " + (i + 1) + ": " + reason);
        }
        report("poison-to-dlq", poison.size(), 0, 0, 0);
        System.out.println("drill poison: dead-lettered=" + dead.size());
    }

    @Test
    @Order(4)
    void answersThatArriveBeforeTheirDeckAreCountedOnceItArrives() throws Exception {
        String deckId = createDeck(DECK, "early answers drill");
        List<String> itemIds = addFlashcards(DECK, deckId, 3);
        String learner = "early-" + RUN;
        long appliedBefore = projection(PROGRESS, "eventsApplied");
        Instant answeredAt = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        try (KafkaProducer<String, String> producer = producer()) {
            for (String itemId : itemIds) {
                producer.send(new ProducerRecord<>(QUIZ_EVENTS, learner, answerRecorded(learner, deckId, itemId, answeredAt)))
                        .get();
            }
        }
        await().atMost(EVENTUAL).until(() -> projection(PROGRESS, "eventsApplied") >= appliedBefore + itemIds.size());
        assertEquals(404, given().get(PROGRESS.url() + "/learners/" + learner + "/decks/" + deckId + "/mastery").statusCode());

        given().post(DECK.url() + "/decks/" + deckId + "/publish").then().statusCode(201);
        await().atMost(EVENTUAL).until(() -> {
            Response mastery = given().get(PROGRESS.url() + "/learners/" + learner + "/decks/" + deckId + "/mastery");
            return mastery.statusCode() == 200 && mastery.<Integer>path("itemsSeen") == itemIds.size();
        });
        int applied = 0;
        for (String itemId : itemIds) {
            applied += ((Number) learnerItem(PROGRESS, new Learner(learner, null), itemId).get("attempts")).intValue();
        }
        report("answers-before-deck", itemIds.size(), itemIds.size(), applied, Math.max(0, applied - itemIds.size()));
        assertEquals(itemIds.size(), applied);
    }

    @Test
    @Order(5)
    void learnersKeepAnsweringWhileKafkaIsDownAndEveryAnswerArrivesOnce() throws Exception {
        try (DrillBroker broker = new DrillBroker("drill-kafka").start(true)) {
            Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            ServiceProcess deckService = new ServiceProcess("deck-service", "recall_drill_kafka_deck", env);
            ServiceProcess quizService = new ServiceProcess("quiz-service", "recall_drill_kafka_quiz", env);
            ServiceProcess progressService = new ServiceProcess("progress-service", "recall_drill_kafka_progress", env);
            List<ServiceProcess> services = List.of(deckService, quizService, progressService);
            try {
                startAll(services);
                Deck deck = publishFlashcards(deckService, quizService, "kafka down drill", 10);
                Feeder feeder = new Feeder(quizService, deck);
                for (int i = 0; i < 20; i++) {
                    feeder.answerOne();
                }
                broker.stop();
                // Learners go on for 30 s of wall-clock time: one answer per poll, every one must be accepted.
                await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                        .during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(60))
                        .until(feeder::answerOne);
                int acceptedWhileDown = feeder.accepted.get() - 20;
                broker.start(false);
                await().atMost(Duration.ofSeconds(150))
                        .until(() -> answersCounted(progressService, deck) >= feeder.accepted.get());
                int applied = answersCounted(progressService, deck);
                int duplicated = 0;
                for (Learner learner : feeder.learners) {
                    for (String itemId : deck.itemIds()) {
                        int attempts = ((Number) learnerItem(progressService, learner, itemId).getOrDefault("attempts", 0))
                                .intValue();
                        duplicated += Math.max(0, attempts - 1);
                    }
                }
                report("kafka-down-30s", feeder.sent.get(), feeder.accepted.get(), applied, duplicated);
                System.out.println("drill kafka-down-30s: accepted while the broker was down=" + acceptedWhileDown);
                assertTrue(acceptedWhileDown > 0);
                assertEquals(feeder.sent.get(), feeder.accepted.get());
                assertEquals(feeder.accepted.get(), applied);
                assertEquals(0, duplicated);
            } finally {
                for (ServiceProcess service : services) {
                    service.stop();
                }
            }
        }
    }

    @Test
    @Order(6)
    void aPostgresqlRestartUnderLoadFailsRequestsCleanlyAndRecovers() throws Exception {
        // quiz-service on a PostgreSQL of the drill's own (the run's is shared and never stopped); deck-service
        // and progress-service stay on the run's.
        try (DrillPostgres postgres = new DrillPostgres("drill-postgres").start()) {
            postgres.createDatabase("recall_drill_pg_quiz");
            ServiceProcess quizService = new ServiceProcess("quiz-service", "recall_drill_pg_quiz", Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("recall_drill_pg_quiz"),
                    "QUARKUS_DATASOURCE_USERNAME", "postgres", "QUARKUS_DATASOURCE_PASSWORD", "",
                    "RECALL_CONSUMER_GROUP", "quiz-drill-pg-" + RUN));
            try {
                quizService.start().awaitReady(EVENTUAL);
                Deck deck = publishFlashcards(DECK, quizService, "postgres restart drill", 10);
                PostgresLoad load = new PostgresLoad(quizService, deck, 4, 10);
                load.start();
                await().atMost(EVENTUAL).until(() -> load.accepted.get() >= 40);
                int acceptedBefore = load.accepted.get();
                postgres.stop();
                // Down until every thread has been refused twice: the outage is seen under load, not assumed.
                await().atMost(EVENTUAL).until(() -> load.refused.get() >= 8);
                postgres.start();
                Instant restarted = Instant.now();
                load.awaitDone(Duration.ofSeconds(120));
                // Every refused answer is retried by its learner with the same answer id until it is taken.
                await().atMost(EVENTUAL).pollInterval(Duration.ofMillis(250)).until(load::retryRefused);
                Duration recovery = Duration.between(restarted, load.firstAcceptedAfter(restarted));
                await().atMost(EVENTUAL).until(() -> answersCounted(PROGRESS, deck) >= load.accepted.get());
                int applied = answersCounted(PROGRESS, deck);
                report("postgres-restart", load.sent.get(), load.accepted.get(), applied,
                        Math.max(0, applied - load.accepted.get()));
                System.out.println("drill postgres-restart: accepted before the stop=" + acceptedBefore
                        + " refused with a retryable 503 problem=" + load.refused.get() + " other failures="
                        + load.failures + " first answer accepted " + recovery.toMillis() + " ms after the restart");
                assertEquals(List.of(), load.failures);
                assertTrue(load.refused.get() > 0, "the restart refused no request: it did not happen under load");
                assertTrue(acceptedBefore > 0);
                assertEquals(load.sent.get(), load.accepted.get());
                assertEquals(load.accepted.get(), applied);
            } finally {
                quizService.stop();
            }
        }
    }

    /**
     * Learners answering on several threads, one flashcard after another, each with a fresh answer id.
     * A 503 problem with Retry-After is the clean refusal the drill expects while PostgreSQL is away: the
     * answer is kept for a retry with the same id. Anything else is a failure.
     */
    static final class PostgresLoad {
        final ServiceProcess quiz;
        final Deck deck;
        final List<List<Learner>> learnersPerThread = new ArrayList<>();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final List<Answer> toRetry = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<Instant> acceptedAt = java.util.Collections.synchronizedList(new ArrayList<>());
        private final ExecutorService threads;
        private final List<Future<?>> running = new ArrayList<>();

        PostgresLoad(ServiceProcess quiz, Deck deck, int threadCount, int learnersPerThreadCount) {
            this.quiz = quiz;
            this.deck = deck;
            this.threads = Executors.newFixedThreadPool(threadCount);
            for (int t = 0; t < threadCount; t++) {
                learnersPerThread.add(startSessions(quiz, deck, "pg-" + t, learnersPerThreadCount));
            }
        }

        void start() {
            for (List<Learner> learners : learnersPerThread) {
                running.add(threads.submit(() -> {
                    for (Learner learner : learners) {
                        for (String itemId : deck.itemIds()) {
                            Answer answer = new Answer(learner, itemId, UUID.randomUUID().toString(), "GOOD");
                            sent.incrementAndGet();
                            send(answer, true);
                            Thread.sleep(100); // pacing the load: about 10 answers per second per thread
                        }
                    }
                    return null;
                }));
            }
            threads.shutdown();
        }

        private boolean send(Answer answer, boolean first) {
            HttpResponse<String> response;
            try {
                response = postAnswer(quiz, answer);
            } catch (Exception e) {
                failures.add(answer.answerId() + ": " + e);
                return false;
            }
            if (response.statusCode() == 200) {
                accepted.incrementAndGet();
                acceptedAt.add(Instant.now());
                return true;
            }
            boolean clean = response.statusCode() == 503
                    && response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                    && response.headers().firstValue("Retry-After").isPresent()
                    && response.body().contains("Retry the request");
            if (!clean) {
                failures.add(answer.answerId() + ": " + response.statusCode() + " " + response.body());
            } else if (first) {
                refused.incrementAndGet();
                toRetry.add(answer);
            }
            return false;
        }

        void awaitDone(Duration timeout) throws Exception {
            for (Future<?> thread : running) {
                thread.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        /** Retries the refused answers once each; true when none is left. */
        boolean retryRefused() {
            synchronized (toRetry) {
                toRetry.removeIf(answer -> send(answer, false));
                return toRetry.isEmpty();
            }
        }

        Instant firstAcceptedAfter(Instant instant) {
            synchronized (acceptedAt) {
                return acceptedAt.stream().filter(at -> at.isAfter(instant)).min(Instant::compareTo).orElseThrow();
            }
        }
    }

    @Test
    @Order(7)
    void twoProgressInstancesShareThePartitionsAndAgreeWithOne() throws Exception {
        String group = "progress-drill-scaled-" + RUN;
        ServiceProcess first = new ServiceProcess("progress-service", "recall_drill_progress_scaled",
                Map.of("RECALL_CONSUMER_GROUP", group));
        ServiceProcess second = new ServiceProcess("progress-service", "recall_drill_progress_scaled",
                Map.of("RECALL_CONSUMER_GROUP", group), "recall_drill_progress_scaled-2");
        try {
            RecallInfra.recreateDatabase(first.database);
            first.start();
            first.awaitReady(EVENTUAL);
            second.start();
            second.awaitReady(EVENTUAL);
            Deck deck = publishFlashcards(DECK, QUIZ, "scale-out drill", 5);
            List<Learner> learners = startSessions(QUIZ, deck, "scaled", 30);
            List<Answer> answers = answersOf(learners, deck);
            for (Answer answer : answers) {
                assertEquals(200, postAnswer(QUIZ, answer).statusCode(), "answer " + answer.answerId());
            }
            await().atMost(EVENTUAL).until(() -> answersCounted(first, deck) == answers.size()
                    && answersCounted(PROGRESS, deck) == answers.size());
            int applied = 0;
            for (Learner learner : learners) {
                // One database, two instances: either one answers, and both agree with a single instance.
                assertEquals(withoutReadTime(mastery(PROGRESS, learner, deck)),
                        withoutReadTime(mastery(first, learner, deck)), "mastery of " + learner.id());
                assertEquals(withoutReadTime(mastery(first, learner, deck)),
                        withoutReadTime(mastery(second, learner, deck)), "mastery of " + learner.id());
                for (String itemId : deck.itemIds()) {
                    applied += ((Number) learnerItem(second, learner, itemId).get("attempts")).intValue();
                }
            }
            long byFirst = projection(first, "eventsApplied");
            long bySecond = projection(second, "eventsApplied");
            System.out.println("drill two-progress-instances: events applied by the first=" + byFirst
                    + " by the second=" + bySecond);
            report("two-progress-instances", answers.size(), answers.size(), applied, Math.max(0, applied - answers.size()));
            assertEquals(answers.size(), applied);
            assertTrue(byFirst > 0 && bySecond > 0, "both instances took partitions: " + byFirst + ", " + bySecond);
        } finally {
            second.stop();
            first.stop();
        }
    }

    // ---- the learners' side ----

    /** Answers one flashcard at a time, starting a new learner when a session is done. */
    static final class Feeder {
        final ServiceProcess quiz;
        final Deck deck;
        final List<Learner> learners = new ArrayList<>();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger accepted = new AtomicInteger();
        private int next;

        Feeder(ServiceProcess quiz, Deck deck) {
            this.quiz = quiz;
            this.deck = deck;
        }

        synchronized boolean answerOne() throws Exception {
            int item = next % deck.itemIds().size();
            if (item == 0) {
                learners.addAll(startSessions(quiz, deck, "down-" + learners.size(), 1));
            }
            Learner learner = learners.get(learners.size() - 1);
            next++;
            sent.incrementAndGet();
            HttpResponse<String> response = postAnswer(quiz, new Answer(learner, deck.itemIds().get(item),
                    UUID.randomUUID().toString(), RATINGS[next % RATINGS.length]));
            if (response.statusCode() != 200) {
                throw new AssertionError("answer refused with " + response.statusCode() + ": " + response.body());
            }
            accepted.incrementAndGet();
            return true;
        }
    }

    static Deck publishFlashcards(ServiceProcess deckService, ServiceProcess quizService, String title, int items) {
        String deckId = createDeck(deckService, title);
        List<String> itemIds = addFlashcards(deckService, deckId, items);
        given().post(deckService.url() + "/decks/" + deckId + "/publish").then().statusCode(201);
        await().atMost(EVENTUAL).until(() -> given().get(quizService.url() + "/catalogue/" + deckId).statusCode() == 200);
        return new Deck(deckId, itemIds);
    }

    static String createDeck(ServiceProcess deckService, String title) {
        return given().contentType(ContentType.JSON).body(Map.of("title", title + " " + RUN))
                .post(deckService.url() + "/decks").then().statusCode(201).extract().path("id");
    }

    static List<String> addFlashcards(ServiceProcess deckService, String deckId, int items) {
        List<String> itemIds = new ArrayList<>();
        for (int i = 1; i <= items; i++) {
            itemIds.add(given().contentType(ContentType.JSON)
                    .body(Map.of("kind", "FLASHCARD", "level", i % 2 == 0 ? "beginner" : "intermediate",
                            "front", "Question " + i, "back", "Answer " + i))
                    .post(deckService.url() + "/decks/" + deckId + "/items").then().statusCode(201).extract().path("id"));
        }
        return itemIds;
    }

    static List<Learner> startSessions(ServiceProcess quizService, Deck deck, String prefix, int count) {
        List<Learner> learners = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String learnerId = prefix + "-" + i + "-" + RUN;
            String sessionId = given().contentType(ContentType.JSON)
                    .body(Map.of("learnerId", learnerId, "deckId", deck.id(), "mode", "STUDY", "seed", i))
                    .post(quizService.url() + "/sessions").then().statusCode(201).extract().path("id");
            learners.add(new Learner(learnerId, sessionId));
        }
        return learners;
    }

    /** Every learner answers every item once, item by item, so all learners' answers interleave. */
    static List<Answer> answersOf(List<Learner> learners, Deck deck) {
        List<Answer> answers = new ArrayList<>();
        for (int item = 0; item < deck.itemIds().size(); item++) {
            for (int l = 0; l < learners.size(); l++) {
                answers.add(new Answer(learners.get(l), deck.itemIds().get(item), UUID.randomUUID().toString(),
                        RATINGS[(item + l) % RATINGS.length]));
            }
        }
        return answers;
    }

    static HttpResponse<String> postAnswer(ServiceProcess quizService, Answer answer) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(quizService.url() + "/sessions/"
                        + answer.learner().sessionId() + "/answers"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(answer.json())).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String answerRecorded(String learner, String deckId, String itemId, Instant answeredAt) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"recall.quiz.answer-recorded\",\"source\":\"quiz-service\","
                + "\"subject\":\"" + learner + "\",\"time\":\"" + answeredAt + "\",\"schemaVersion\":1,\"data\":{"
                + "\"answerId\":\"" + UUID.randomUUID() + "\",\"sessionId\":\"" + UUID.randomUUID() + "\","
                + "\"learnerId\":\"" + learner + "\",\"deckId\":\"" + deckId + "\",\"deckVersion\":1,"
                + "\"itemId\":\"" + itemId + "\",\"kind\":\"FLASHCARD\",\"level\":\"beginner\",\"correct\":true,"
                + "\"score\":1.0,\"rating\":\"GOOD\",\"answeredAt\":\"" + answeredAt + "\",\"latencyMs\":2500}}";
    }

    // ---- progress-service's side ----

    /** Answers progress-service has folded for the deck, over all learners; 0 until the deck has arrived. */
    static int answersCounted(ServiceProcess progress, Deck deck) {
        try {
            Response stats = given().get(progress.url() + "/decks/" + deck.id() + "/item-stats");
            return stats.statusCode() == 200 ? stats.<Integer>path("answers") : 0;
        } catch (RuntimeException notUp) {
            return -1;
        }
    }

    static long projection(ServiceProcess progress, String counter) {
        return given().get(progress.url() + "/admin/projection").then().statusCode(200).extract()
                .<Number>path(counter).longValue();
    }

    /** SHA-256 over progress-service's whole projection: equal state, equal hash. */
    static String stateHash(ServiceProcess progress) {
        return projectionField(progress, "stateHash");
    }

    static String projectionField(ServiceProcess progress, String field) {
        return given().get(progress.url() + "/admin/projection").then().statusCode(200).extract().path(field);
    }

    static Map<String, Object> mastery(ServiceProcess progress, Learner learner, Deck deck) {
        return given().get(progress.url() + "/learners/" + learner.id() + "/decks/" + deck.id() + "/mastery")
                .then().statusCode(200).extract().jsonPath().getMap("");
    }

    static Map<String, Object> learnerItem(ServiceProcess progress, Learner learner, String itemId) {
        return given().get(progress.url() + "/learners/" + learner.id() + "/items/" + itemId)
                .then().statusCode(200).extract().jsonPath().getMap("");
    }

    /** asOf and retrievability are the time of the read: two reads a moment apart differ there and nowhere else. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutReadTime(Map<String, Object> json) {
        Map<String, Object> copy = new LinkedHashMap<>();
        json.forEach((key, value) -> {
            if (!key.equals("asOf") && !key.toLowerCase().contains("retrievability")) {
                copy.put(key, value instanceof Map ? withoutReadTime((Map<String, Object>) value) : value);
            }
        });
        return copy;
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RecallInfra.kafkaBootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(config);
    }

    static void report(String drill, int sent, int accepted, int applied, int duplicated) {
        System.out.println("drill " + drill + ": sent=" + sent + " accepted=" + accepted + " applied=" + applied
                + " lost=" + Math.max(0, accepted - applied) + " duplicated=" + duplicated);
    }
}
