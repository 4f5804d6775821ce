package dev.recall.quiz.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventSchemas;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.Topics;
import dev.recall.contracts.deck.AcceptedAnswer;
import dev.recall.contracts.deck.DeckPublished;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.Level;
import dev.recall.contracts.deck.MatchPair;
import dev.recall.contracts.deck.NumericAnswer;
import dev.recall.contracts.deck.Option;
import dev.recall.contracts.progress.ItemScheduled;
import dev.recall.contracts.quiz.AnswerRecorded;
import dev.recall.quiz.store.SessionStore;
import dev.recall.testing.RecallServiceResource;
import dev.recall.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = RecallServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "recall_test_quiz"))
class SessionResourceTest {
    @Inject
    DataSource dataSource;

    record Deck(UUID id, UUID card, UUID mcq, UUID explain) {
    }

    /** Publishes a three-item deck the way deck-service does: a DeckPublished event on recall.deck-events. */
    static Deck publishDeck() {
        Deck deck = new Deck(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<Item> items = List.of(
                Item.flashcard(deck.card(), Level.BEGINNER, "How do fixed random seeds help?", "Repeatable randomness."),
                Item.multipleChoice(deck.mcq(), Level.BEGINNER, "Which tool containerizes environments?", List.of(
                        new Option("a", "Docker", true, "Right.", null),
                        new Option("b", "Git", false, "Git versions code.", null),
                        new Option("c", "Jupyter", false, "Jupyter runs notebooks.", null)),
                        "Docker packages code and dependencies."),
                Item.freeResponse(deck.explain(), Level.INTERMEDIATE, "Explain reproducibility.", "Think of data.",
                        List.of("environment", "data version", "seeds"), "Pin, version, seed."));
        DeckPublished snapshot = new DeckPublished(deck.id(), 1, "sha256:" + "0".repeat(64), "Pipelines", null,
                List.of(), items, Instant.parse("2026-11-27T09:00:00Z"));
        EventEnvelope event = EventEnvelope.of(EventTypes.DECK_PUBLISHED, "deck-service", deck.id().toString(),
                Instant.parse("2026-11-27T09:00:00Z"), 4L, snapshot);
        EventSchemas.requireValid(event);
        TopicReader.send(Topics.DECK_EVENTS, deck.id().toString(), event.toJson());
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get("/catalogue/{id}", deck.id()).statusCode() == 200);
        return deck;
    }

    static String startSession(Deck deck, String learner, String mode, long seed) {
        return given().contentType(ContentType.JSON)
                .body("{\"learnerId\":\"" + learner + "\",\"deckId\":\"" + deck.id() + "\",\"mode\":\"" + mode
                        + "\",\"seed\":" + seed + "}")
                .when().post("/sessions")
                .then().statusCode(201).body("deckVersion", equalTo(1)).body("seed", equalTo((int) seed))
                .extract().path("id");
    }

    static Response answer(String sessionId, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/sessions/{id}/answers", sessionId);
    }

    static List<String> order(String sessionId) {
        List<String> order = new ArrayList<>();
        // Walks the session by answering each item with a neutral answer: order is what /next shows.
        while (true) {
            Response next = given().get("/sessions/{id}/next", sessionId);
            if (next.statusCode() == 204) {
                return order;
            }
            String itemId = next.path("itemId");
            order.add(itemId + ":" + next.path("options.id"));
            String kind = next.path("kind");
            String body = switch (kind) {
                case "FLASHCARD" -> "{\"itemId\":\"" + itemId + "\",\"rating\":\"GOOD\"}";
                case "MULTIPLE_CHOICE" -> "{\"itemId\":\"" + itemId + "\",\"selected\":[\"a\"]}";
                default -> "{\"itemId\":\"" + itemId + "\",\"conceptsCovered\":[]}";
            };
            answer(sessionId, body).then().statusCode(200);
        }
    }

    @Test
    void aMixedSessionIsGradedStoredAndAnnounced() {
        Deck deck = publishDeck();
        String learner = "learner-" + UUID.randomUUID();
        String sessionId = startSession(deck, learner, "MIXED", 42);

        given().get("/sessions/{id}/items/{item}/reveal", sessionId, deck.card())
                .then().statusCode(200).body("back", equalTo("Repeatable randomness."));
        given().get("/sessions/{id}/items/{item}/reveal", sessionId, deck.mcq()).then().statusCode(409);

        answer(sessionId, "{\"itemId\":\"" + deck.card() + "\",\"rating\":\"GOOD\",\"latencyMs\":1200}")
                .then().statusCode(200).body("correct", equalTo(true)).body("score", equalTo(1.0f))
                .body("correctAnswer", equalTo("Repeatable randomness."));
        answer(sessionId, "{\"itemId\":\"" + deck.mcq() + "\",\"selected\":[\"b\"],\"latencyMs\":3000}")
                .then().statusCode(200).body("correct", equalTo(false)).body("score", equalTo(0.0f))
                .body("verdict", equalTo("✗ Incorrect")).body("feedback", equalTo("Git versions code."))
                .body("explanation", equalTo("Docker packages code and dependencies."))
                .body("correctAnswer.id", contains("a"));
        answer(sessionId, "{\"itemId\":\"" + deck.explain() + "\",\"conceptsCovered\":[\"seeds\",\"environment\"],"
                + "\"latencyMs\":8000}")
                .then().statusCode(200).body("correct", equalTo(false)).body("conceptsHit", equalTo(2))
                .body("conceptsTotal", equalTo(3)).body("verdict", equalTo("You got 2/3 concepts"))
                .body("missedConcepts", contains("data version")).body("correctAnswer", equalTo("Pin, version, seed."));

        given().get("/sessions/{id}/next", sessionId).then().statusCode(204);
        given().get("/sessions/{id}", sessionId).then().statusCode(200)
                .body("answered", equalTo(3)).body("remaining", equalTo(0)).body("finished", equalTo(true))
                .body("correct", equalTo(1)).body("score", equalTo(1.6666666f))
                .body("byLevel.beginner.answered", equalTo(2)).body("byLevel.beginner.score", equalTo(1.0f))
                .body("byKind.FREE_RESPONSE.score", equalTo(0.6666667f)).body("timeSpentMs", equalTo(12200));

        List<ConsumerRecord<String, String>> records = TopicReader.awaitRecords(Topics.QUIZ_EVENTS,
                r -> learner.equals(r.key()) && r.value().contains(EventTypes.ANSWER_RECORDED), 3, Duration.ofSeconds(30));
        List<AnswerRecorded> answers = records.stream()
                .map(r -> EventSchemas.parse(r.value()).dataAs(AnswerRecorded.class)).toList();
        assertEquals(List.of(deck.card(), deck.mcq(), deck.explain()), answers.stream().map(AnswerRecorded::itemId).toList());
        assertEquals(List.of(1.0, 0.0, 2.0 / 3.0), answers.stream().map(AnswerRecorded::score).toList());
        assertEquals("GOOD", answers.get(0).rating());
        assertEquals(List.of("b"), answers.get(1).selected());
        assertEquals(1, records.stream().map(ConsumerRecord::partition).distinct().count());
    }

    @Test
    void theSameAnswerIdTwiceRecordsOneAnswerAndReturnsTheFirstResult() throws SQLException {
        Deck deck = publishDeck();
        String learner = "learner-" + UUID.randomUUID();
        String sessionId = startSession(deck, learner, "MIXED", 7);
        UUID answerId = UUID.randomUUID();
        String first = answer(sessionId, "{\"answerId\":\"" + answerId + "\",\"itemId\":\"" + deck.mcq()
                + "\",\"selected\":[\"a\"]}").then().statusCode(200).extract().asString();
        String retry = answer(sessionId, "{\"answerId\":\"" + answerId + "\",\"itemId\":\"" + deck.mcq()
                + "\",\"selected\":[\"b\"]}").then().statusCode(200).extract().asString();
        assertEquals(first, retry);
        answer(sessionId, "{\"answerId\":\"" + UUID.randomUUID() + "\",\"itemId\":\"" + deck.mcq()
                + "\",\"selected\":[\"b\"]}").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("was already answered"));
        // The same answerId in another session is refused, not taken for a retry there.
        String otherSession = startSession(deck, learner, "MIXED", 8);
        answer(otherSession, "{\"answerId\":\"" + answerId + "\",\"itemId\":\"" + deck.mcq()
                + "\",\"selected\":[\"a\"]}").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("another session"));
        // A later answer on the same key: once it is on the topic, the retry would be too.
        answer(sessionId, "{\"itemId\":\"" + deck.card() + "\",\"rating\":\"HARD\"}").then().statusCode(200);
        List<ConsumerRecord<String, String>> records = TopicReader.awaitRecords(Topics.QUIZ_EVENTS,
                r -> learner.equals(r.key()) && r.value().contains(EventTypes.ANSWER_RECORDED), 2, Duration.ofSeconds(30));
        assertEquals(1, records.stream().filter(r -> r.value().contains(answerId.toString())).count());
        try (Connection c = dataSource.getConnection();
                PreparedStatement count = c.prepareStatement("SELECT count(*) FROM answers WHERE session_id = ?")) {
            count.setObject(1, UUID.fromString(sessionId));
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                assertEquals(2, rs.getInt(1));
            }
        }
    }

    @Test
    void trueFalseShortAnswerNumericAndMatchingItemsAreGradedAndAnnounced() {
        UUID deckId = UUID.randomUUID();
        Item trueFalse = Item.trueFalse(UUID.randomUUID(), Level.BEGINNER, "Seeds alone make GPU runs identical.",
                false);
        Item shortAnswer = Item.shortAnswer(UUID.randomUUID(), Level.BEGINNER, "Name a container tool.",
                List.of(new AcceptedAnswer("Docker", null, "Yes.")));
        Item numeric = Item.numeric(UUID.randomUUID(), Level.INTERMEDIATE, "π to two decimals?",
                List.of(NumericAnswer.exactly(3.14, 0.005)));
        Item matching = Item.matching(UUID.randomUUID(), Level.ADVANCED, "Match practice and what it pins.",
                List.of(new MatchPair("seed", "randomness"), new MatchPair("container", "environment")));
        DeckPublished snapshot = new DeckPublished(deckId, 1, "sha256:" + "1".repeat(64), "GIFT kinds", null,
                List.of(), List.of(trueFalse, shortAnswer, numeric, matching), Instant.parse("2026-11-27T09:00:00Z"));
        TopicReader.send(Topics.DECK_EVENTS, deckId.toString(), EventEnvelope.of(EventTypes.DECK_PUBLISHED,
                "deck-service", deckId.toString(), snapshot.publishedAt(), 5L, snapshot).toJson());
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/catalogue/{id}", deckId).statusCode() == 200);
        String learner = "learner-" + UUID.randomUUID();
        String sessionId = startSession(new Deck(deckId, null, null, null), learner, "QUIZ", 5);

        answer(sessionId, "{\"itemId\":\"" + trueFalse.id() + "\",\"value\":false}")
                .then().statusCode(200).body("correct", equalTo(true));
        answer(sessionId, "{\"itemId\":\"" + shortAnswer.id() + "\",\"text\":\" DOCKER \"}")
                .then().statusCode(200).body("correct", equalTo(true)).body("feedback", equalTo("Yes."));
        answer(sessionId, "{\"itemId\":\"" + numeric.id() + "\",\"value\":\"3.14\"}")
                .then().statusCode(422).body("detail", containsString("a number"));
        answer(sessionId, "{\"itemId\":\"" + numeric.id() + "\",\"value\":3.2}")
                .then().statusCode(200).body("correct", equalTo(false)).body("correctAnswer", contains("3.14 ± 0.005"));
        Response shown = given().get("/sessions/{id}/next", sessionId);
        assertEquals(matching.id().toString(), shown.path("itemId"));
        assertEquals(List.of("container", "seed"), ((List<String>) shown.path("lefts")).stream().sorted().toList());
        answer(sessionId, "{\"itemId\":\"" + matching.id() + "\",\"pairs\":{\"seed\":\"randomness\","
                + "\"container\":\"randomness\"}}")
                .then().statusCode(200).body("score", equalTo(0.5f)).body("verdict", equalTo("◐ Partially correct"));

        List<ConsumerRecord<String, String>> records = TopicReader.awaitRecords(Topics.QUIZ_EVENTS,
                r -> learner.equals(r.key()) && r.value().contains(EventTypes.ANSWER_RECORDED), 4, Duration.ofSeconds(30));
        // The relay names each record's event type in a header, for consumers that pass over what they do not use.
        for (ConsumerRecord<String, String> record : records) {
            assertEquals(EventTypes.ANSWER_RECORDED, typeHeader(record));
        }
        List<AnswerRecorded> answers = records.stream()
                .map(r -> EventSchemas.parse(r.value()).dataAs(AnswerRecorded.class)).toList();
        assertEquals(List.of("false"), answers.get(0).selected());
        assertEquals(" DOCKER ", answers.get(1).text());
        assertEquals(3.2, answers.get(2).value());
        assertEquals(java.util.Map.of("seed", "randomness", "container", "randomness"), answers.get(3).pairs());
    }

    static void schedule(String learner, Deck deck, UUID item, Instant due, Instant reviewedAt) {
        ItemScheduled scheduled = new ItemScheduled(learner, deck.id(), item, UUID.randomUUID(), due, 2.3, 5.1,
                "REVIEW", "GOOD", reviewedAt, 2, 1, 0);
        TopicReader.send(Topics.PROGRESS_EVENTS, learner, EventEnvelope.of(EventTypes.ITEM_SCHEDULED,
                "progress-service", learner, reviewedAt, null, scheduled).toJson());
    }

    @Inject
    SessionStore store;

    record Sent(String sessionId, String learner, String answerId, UUID itemId, Future<Response> response) {
    }

    /**
     * 48 answers at once, so that the writers record many of them together: per session, the card twice
     * under one answerId (a retry), once more under another, and the multiple-choice item. Whatever the
     * order, each session keeps one answer to the card (the 200s name it; the other requests get 409) and
     * the multiple-choice answer, and every stored answer is announced.
     */
    @Test
    void answersRecordedTogetherHaveTheEffectOfRecordingThemOneAfterAnother() throws Exception {
        Deck deck = publishDeck();
        List<String> sessions = new ArrayList<>();
        List<String> learners = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            learners.add("grouped-" + UUID.randomUUID());
            sessions.add(startSession(deck, learners.get(i), "MIXED", i));
        }
        long groupsBefore = store.grouping().groups();
        ExecutorService pool = Executors.newFixedThreadPool(48);
        CountDownLatch go = new CountDownLatch(1);
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            String retried = UUID.randomUUID().toString();
            for (String answerId : List.of(retried, retried, UUID.randomUUID().toString())) {
                sent.add(send(pool, go, sessions.get(i), learners.get(i), answerId, deck.card(),
                        "\"rating\":\"GOOD\""));
            }
            sent.add(send(pool, go, sessions.get(i), learners.get(i), UUID.randomUUID().toString(), deck.mcq(),
                    "\"selected\":[\"a\"]"));
        }
        go.countDown();
        java.util.Set<String> announced = new java.util.HashSet<>();
        for (String sessionId : sessions) {
            List<Sent> card = sent.stream().filter(x -> x.sessionId().equals(sessionId) && x.itemId().equals(deck.card()))
                    .toList();
            List<String> kept = new ArrayList<>();
            String keptBody = null;
            for (Sent x : card) {
                Response response = x.response().get(60, TimeUnit.SECONDS);
                if (response.statusCode() == 200) {
                    assertEquals(x.answerId(), response.path("answerId"));
                    if (keptBody != null) {
                        assertEquals(keptBody, response.asString(), "a retry gets the stored result");
                    }
                    keptBody = response.asString();
                    kept.add(x.answerId());
                } else {
                    assertEquals(409, response.statusCode(), response.asString());
                }
            }
            assertEquals(1, kept.stream().distinct().count(), "one answer to the card is kept: " + kept);
            Sent mcq = sent.stream().filter(x -> x.sessionId().equals(sessionId) && x.itemId().equals(deck.mcq()))
                    .findFirst().orElseThrow();
            assertEquals(200, mcq.response().get(60, TimeUnit.SECONDS).statusCode());
            assertEquals(java.util.Set.of(kept.get(0), mcq.answerId()), storedAnswerIds(sessionId));
            announced.addAll(storedAnswerIds(sessionId));
        }
        pool.shutdown();
        assertTrue(store.grouping().groups() > groupsBefore, "no answers were recorded together");
        List<ConsumerRecord<String, String>> records = TopicReader.awaitRecords(Topics.QUIZ_EVENTS,
                r -> learners.contains(r.key()) && EventTypes.ANSWER_RECORDED.equals(typeHeader(r)), 24,
                Duration.ofSeconds(30));
        assertEquals(announced, records.stream().map(r -> EventSchemas.parse(r.value()).dataAs(AnswerRecorded.class)
                .answerId().toString()).collect(java.util.stream.Collectors.toSet()));
    }

    static Sent send(ExecutorService pool, CountDownLatch go, String sessionId, String learner, String answerId,
            UUID itemId, String fields) {
        return new Sent(sessionId, learner, answerId, itemId, pool.submit(() -> {
            go.await();
            return answer(sessionId, "{\"answerId\":\"" + answerId + "\",\"itemId\":\"" + itemId + "\"," + fields
                    + "}");
        }));
    }

    java.util.Set<String> storedAnswerIds(String sessionId) throws SQLException {
        java.util.Set<String> ids = new java.util.HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT answer_id FROM answers WHERE session_id = ?")) {
            select.setObject(1, UUID.fromString(sessionId));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    static String typeHeader(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(Topics.TYPE_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void recordsOfATypeQuizServiceHasNoUseForArePassedOverUnread() {
        String learner = "learner-" + UUID.randomUUID();
        // Not JSON, but its header says MasteryChanged, which quiz-service does not use: never read, so never refused.
        TopicReader.send(Topics.PROGRESS_EVENTS, learner, "passed over {",
                Map.of(Topics.TYPE_HEADER, EventTypes.MASTERY_CHANGED));
        // Not JSON and no header: read, and dead-lettered, after the first if that were.
        TopicReader.send(Topics.PROGRESS_EVENTS, learner, "read {");
        List<ConsumerRecord<String, String>> dead = TopicReader.readUntil(Topics.deadLetter(Topics.PROGRESS_EVENTS),
                r -> learner.equals(r.key()), r -> r.value().equals("read {"), Duration.ofSeconds(30));
        assertEquals(List.of("read {"), dead.stream().map(ConsumerRecord::value).toList());
    }

    @Test
    void aTypeHeaderThatContradictsTheEventSendsItToTheDeadLetterTopic() throws SQLException {
        String learner = "learner-" + UUID.randomUUID();
        Instant now = Instant.now();
        ItemScheduled scheduled = new ItemScheduled(learner, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                now, 2.3, 5.1, "REVIEW", "GOOD", now, 2, 1, 0);
        TopicReader.send(Topics.PROGRESS_EVENTS, learner, EventEnvelope.of(EventTypes.ITEM_SCHEDULED, "progress-service",
                learner, now, null, scheduled).toJson(), Map.of(Topics.TYPE_HEADER, EventTypes.DECK_PUBLISHED));
        ConsumerRecord<String, String> dead = TopicReader.awaitRecords(Topics.deadLetter(Topics.PROGRESS_EVENTS),
                r -> learner.equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
        assertEquals("header recall-event-type says recall.deck.published but the event's type is "
                + "recall.progress.item-scheduled", new String(dead.headers().lastHeader("recall-dlq-reason").value(),
                StandardCharsets.UTF_8));
        assertEquals(0, schedulesOf(learner));
    }

    @Test
    void aReviewSessionFollowsProgressServicesScheduleSoonestDueFirst() {
        Deck deck = publishDeck();
        String learner = "learner-" + UUID.randomUUID();
        Instant now = Instant.now();
        schedule(learner, deck, deck.mcq(), now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(3)));
        schedule(learner, deck, deck.card(), now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(4)));
        schedule(learner, deck, deck.explain(), now.plus(Duration.ofDays(5)), now.minus(Duration.ofDays(1)));
        // An older review arriving late must not replace the newer schedule of the card.
        schedule(learner, deck, deck.card(), now.plus(Duration.ofDays(9)), now.minus(Duration.ofDays(6)));
        // The last event on this learner's partition: once it is applied, so are the others.
        UUID sentinel = UUID.randomUUID();
        schedule(learner, new Deck(UUID.randomUUID(), null, null, null), sentinel, now, now);
        await().atMost(Duration.ofSeconds(30)).until(() -> schedulesOf(learner) == 4);
        String sessionId = given().contentType(ContentType.JSON)
                .body("{\"learnerId\":\"" + learner + "\",\"deckId\":\"" + deck.id() + "\",\"mode\":\"REVIEW\",\"seed\":1}")
                .post("/sessions").then().statusCode(201).body("itemCount", equalTo(2)).extract().path("id");
        given().get("/sessions/{id}/next", sessionId).then().body("itemId", equalTo(deck.card().toString()));
        answer(sessionId, "{\"itemId\":\"" + deck.card() + "\",\"rating\":\"GOOD\"}").then().statusCode(200);
        given().get("/sessions/{id}/next", sessionId).then().body("itemId", equalTo(deck.mcq().toString()));
    }

    long schedulesOf(String learner) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement count = c.prepareStatement("SELECT count(*) FROM schedules WHERE learner_id = ?")) {
            count.setString(1, learner);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aNewPublishedVersionDoesNotDisturbASessionOnTheOldOne() {
        Deck deck = publishDeck();
        String sessionId = startSession(deck, "learner-" + UUID.randomUUID(), "STUDY", 9);
        Item revised = Item.flashcard(deck.card(), Level.ADVANCED, "Revised front", "Revised back");
        DeckPublished v2 = new DeckPublished(deck.id(), 2, "sha256:" + "2".repeat(64), "Pipelines", null, List.of(),
                List.of(revised), Instant.parse("2026-11-27T10:00:00Z"));
        TopicReader.send(Topics.DECK_EVENTS, deck.id().toString(), EventEnvelope.of(EventTypes.DECK_PUBLISHED,
                "deck-service", deck.id().toString(), v2.publishedAt(), 9L, v2).toJson());
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get("/catalogue/{id}", deck.id()).path("version").equals(List.of(1, 2)));
        given().get("/sessions/{id}/next", sessionId).then().body("front", equalTo("How do fixed random seeds help?"))
                .body("level", equalTo("beginner"));
        answer(sessionId, "{\"itemId\":\"" + deck.card() + "\",\"rating\":\"EASY\"}").then().statusCode(200)
                .body("correctAnswer", equalTo("Repeatable randomness."));
        given().get("/sessions/{id}", sessionId).then().body("deckVersion", equalTo(1));
        String newer = given().contentType(ContentType.JSON).body("{\"learnerId\":\"l2\",\"deckId\":\"" + deck.id()
                + "\",\"mode\":\"STUDY\"}").post("/sessions").then().statusCode(201).body("deckVersion", equalTo(2))
                .extract().path("id");
        given().get("/sessions/{id}/next", newer).then().body("front", equalTo("Revised front"));
    }

    @Test
    void aReviewOfANewLearnerOffersNewItems() {
        Deck deck = publishDeck();
        given().contentType(ContentType.JSON)
                .body("{\"learnerId\":\"newcomer-" + UUID.randomUUID() + "\",\"deckId\":\"" + deck.id()
                        + "\",\"mode\":\"REVIEW\",\"seed\":1}")
                .post("/sessions").then().statusCode(201).body("itemCount", equalTo(3));
    }

    @Test
    void theSameSeedGivesTheSameSessionAndAnotherSeedAnother() {
        Deck deck = publishDeck();
        List<String> first = order(startSession(deck, "learner-a", "MIXED", 42));
        assertEquals(first, order(startSession(deck, "learner-b", "MIXED", 42)));
        List<List<String>> others = new ArrayList<>();
        for (long seed = 1; seed <= 5; seed++) {
            others.add(order(startSession(deck, "learner-c", "MIXED", seed)));
        }
        // Five other seeds: at least one differs (a fixed order would make all six equal).
        assertEquals(true, others.stream().anyMatch(order -> !order.equals(first)));
    }

    @Test
    void studyModeOffersOnlyFlashcardsAndQuizModeOnlyAutoGradedItems() {
        Deck deck = publishDeck();
        String study = startSession(deck, "learner-s", "STUDY", 1);
        given().get("/sessions/{id}/next", study).then().body("kind", equalTo("FLASHCARD")).body("front",
                equalTo("How do fixed random seeds help?")).body("back", nullValue());
        String quiz = startSession(deck, "learner-q", "QUIZ", 1);
        given().get("/sessions/{id}/next", quiz).then().body("kind", equalTo("MULTIPLE_CHOICE"))
                .body("options[0].correct", nullValue()).body("options[0].feedback", nullValue());
        given().get("/sessions/{id}", quiz).then().body("itemCount", equalTo(1));
    }

    @Test
    void wrongAnswersAndRequestsGetProblemDocumentsNeverA500() {
        Deck deck = publishDeck();
        String sessionId = startSession(deck, "learner-x", "MIXED", 3);
        answer(sessionId, "{\"itemId\":\"" + UUID.randomUUID() + "\",\"rating\":\"GOOD\"}")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("is not part of session"));
        answer(sessionId, "{\"itemId\":\"" + deck.card() + "\",\"rating\":\"MEH\"}").then().statusCode(422);
        answer(sessionId, "{\"itemId\":\"" + deck.mcq() + "\",\"selected\":[\"a\",\"b\"]}").then().statusCode(422)
                .body("detail", equalTo("this item takes exactly one option, 2 were selected"));
        answer(sessionId, "{\"itemId\":\"" + deck.card() + "\",\"rating\":\"GOOD\",\"answeredAt\":\"2999-01-01T00:00:00Z\"}")
                .then().statusCode(422).body("detail", containsString("is in the future"));
        answer(sessionId, "{\"itemId\":\"" + deck.card() + "\",\"rating\":\"GOOD\",\"answeredAt\":\"2000-01-01T00:00:00Z\"}")
                .then().statusCode(422).body("detail", containsString("before the session started"));
        answer(sessionId, "{\"itemId\":\"" + deck.card() + "\",\"rating\":").then().statusCode(400)
                .contentType("application/problem+json");
        answer(sessionId, "{\"itemId\":42,\"rating\":[1]}").then().statusCode(400);
        answer(UUID.randomUUID().toString(), "{\"itemId\":\"" + deck.card() + "\",\"rating\":\"GOOD\"}")
                .then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"learnerId\":\"l\",\"deckId\":\"" + UUID.randomUUID()
                + "\",\"mode\":\"MIXED\"}").post("/sessions").then().statusCode(404)
                .body("detail", containsString("has no published version"));
        given().contentType(ContentType.JSON).body("{\"learnerId\":\"l\",\"deckId\":\"" + deck.id()
                + "\",\"mode\":\"CRAM\"}").post("/sessions").then().statusCode(422);
        given().contentType(ContentType.JSON).body("{\"deckId\":\"" + deck.id() + "\",\"mode\":\"MIXED\"}")
                .post("/sessions").then().statusCode(422).body("detail", containsString("learnerId"));
        given().get("/sessions/{id}", sessionId).then().body("answered", equalTo(0));
    }
}
