package dev.recall.progress.projection;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventSchemas;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.Json;
import dev.recall.contracts.Topics;
import dev.recall.contracts.deck.DeckPublished;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.Level;
import dev.recall.contracts.deck.Option;
import dev.recall.contracts.quiz.AnswerRecorded;
import dev.recall.kit.consuming.EventConsumer;
import dev.recall.testing.RecallServiceResource;
import dev.recall.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The service against the run's real Kafka broker and PostgreSQL: events go in on the topics as
 * deck-service and quiz-service would send them; mastery comes out of the REST API.
 */
@QuarkusTest
@QuarkusTestResource(value = RecallServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "recall_test_progress"))
class ProgressProjectionTest {
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final Instant T0 = Instant.parse("2026-11-27T09:30:00Z");
    static final String HASH_V1 = "sha256:" + "ab".repeat(32);
    static final String HASH_V2 = "sha256:" + "cd".repeat(32);
    /** JSON numbers as doubles, so that 2/3 compares exactly rather than as a float. */
    static final RestAssuredConfig DOUBLES = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));

    @Inject
    DataSource dataSource;

    /** A deck like the reference page's: a flashcard and an MCQ for beginners, an explain-prompt for intermediates. */
    record TestDeck(UUID id, Item card, Item mcq, Item explain) {
        static TestDeck create() {
            return new TestDeck(UUID.randomUUID(),
                    Item.flashcard(UUID.randomUUID(), Level.BEGINNER, "How do fixed random seeds help?",
                            "They make randomness repeatable."),
                    Item.multipleChoice(UUID.randomUUID(), Level.BEGINNER, "Which tool containerizes environments?",
                            List.of(new Option("a", "Docker", true, "Right.", null),
                                    new Option("b", "Git", false, "Git versions code.", null)),
                            "Docker packages code and dependencies."),
                    Item.freeResponse(UUID.randomUUID(), Level.INTERMEDIATE, "Explain reproducibility.",
                            "Think of data.", List.of("environment", "data version", "seeds"),
                            "Pin the environment, version the data, fix seeds."));
        }

        List<Item> items() {
            return List.of(card, mcq, explain);
        }
    }

    static EventEnvelope published(UUID deckId, int version, String hash, List<Item> items) {
        Instant at = T0.plusSeconds(version);
        EventEnvelope event = EventEnvelope.of(EventTypes.DECK_PUBLISHED, "deck-service", deckId.toString(), at,
                (long) items.size() + version + 1,
                new DeckPublished(deckId, version, hash, "Reproducible pipelines", null, List.of(), items, at));
        EventSchemas.requireValid(event);
        return event;
    }

    static void sendDeck(EventEnvelope deckPublished) {
        TopicReader.send(Topics.DECK_EVENTS, deckPublished.subject(), deckPublished.toJson());
    }

    static EventEnvelope answer(String learnerId, UUID deckId, Item item, boolean correct, double score, String rating,
            List<String> conceptsCovered, int minute) {
        Integer hit = conceptsCovered == null ? null : conceptsCovered.size();
        Integer total = conceptsCovered == null ? null : item.concepts().size();
        Instant answeredAt = T0.plusSeconds(60L * minute);
        EventEnvelope event = EventEnvelope.of(EventTypes.ANSWER_RECORDED, "quiz-service", learnerId, answeredAt,
                null, new AnswerRecorded(UUID.randomUUID(), UUID.randomUUID(), learnerId, deckId, 1, item.id(),
                        item.kind(), item.level(), correct, score, rating,
                        item.options() == null ? null : List.of(correct ? "a" : "b"), conceptsCovered, hit, total,
                        answeredAt, 4200L));
        EventSchemas.requireValid(event);
        return event;
    }

    static void sendAnswer(EventEnvelope answerRecorded) {
        // Keyed by learner, as quiz-service publishes them: one learner's answers stay in order.
        TopicReader.send(Topics.QUIZ_EVENTS, answerRecorded.subject(), answerRecorded.toJson());
    }

    static ValidatableResponse mastery(String learnerId, UUID deckId) {
        return given().config(DOUBLES)
                .when().get("/learners/{learner}/decks/{deck}/mastery", learnerId, deckId)
                .then();
    }

    static void awaitMastery(String learnerId, UUID deckId, java.util.function.Consumer<ValidatableResponse> check) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            ValidatableResponse response = mastery(learnerId, deckId).statusCode(200);
            check.accept(response);
        });
    }

    static String newLearner() {
        return "learner-" + UUID.randomUUID();
    }

    /** The learner x item row as stored, or empty while the answer has not been applied. */
    Optional<Map<String, Object>> learnerItem(String learnerId, UUID deckId, UUID itemId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT attempts, correct, score_sum, "
                        + "last_rating, last_answered_at, last_concepts_hit, last_concepts_total FROM learner_items "
                        + "WHERE learner_id = ? AND deck_id = ? AND item_id = ?")) {
            select.setString(1, learnerId);
            select.setObject(2, deckId);
            select.setObject(3, itemId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("attempts", rs.getInt(1));
                row.put("correct", rs.getInt(2));
                row.put("scoreSum", rs.getDouble(3));
                row.put("lastRating", rs.getString(4));
                row.put("lastAnsweredAt", rs.getTimestamp(5).toInstant());
                row.put("conceptsHit", rs.getObject(6));
                row.put("conceptsTotal", rs.getObject(7));
                return Optional.of(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean versionKnown(UUID deckId, int version) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT 1 FROM deck_versions WHERE deck_id = ? AND version = ?")) {
            select.setObject(1, deckId);
            select.setInt(2, version);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The state hash orders learner_items by learner id, and a version's arrival reschedules learners in that
     * order: both must not depend on the server's locale (V6).
     */
    @Test
    void learnerIdsAreComparedByteByByteWhateverTheServersLocale() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT table_name, collation_name "
                        + "FROM information_schema.columns WHERE table_schema = current_schema() "
                        + "AND column_name = 'learner_id' ORDER BY table_name");
                ResultSet rs = select.executeQuery()) {
            List<String> columns = new ArrayList<>();
            while (rs.next()) {
                columns.add(rs.getString(1) + " " + rs.getString(2));
            }
            assertEquals(List.of("answers C", "learner_items C"), columns);
        }
    }

    @Test
    void answersAreFoldedIntoMasteryPerDeckAndLevel() {
        TestDeck deck = TestDeck.create();
        String learner = newLearner();
        sendDeck(published(deck.id(), 1, HASH_V1, deck.items()));
        sendAnswer(answer(learner, deck.id(), deck.card(), true, 1.0, "GOOD", null, 1));
        sendAnswer(answer(learner, deck.id(), deck.mcq(), false, 0.0, null, null, 2));
        sendAnswer(answer(learner, deck.id(), deck.mcq(), true, 1.0, null, null, 3));
        sendAnswer(answer(learner, deck.id(), deck.explain(), false, 2.0 / 3.0, null,
                List.of("environment", "seeds"), 4));

        awaitMastery(learner, deck.id(), response -> response
                .body("learnerId", equalTo(learner))
                .body("deckId", equalTo(deck.id().toString()))
                .body("deckVersion", equalTo(1))
                .body("itemsTotal", equalTo(3))
                .body("itemsSeen", equalTo(3))
                .body("itemsMastered", equalTo(0))
                .body("accuracy", equalTo(2.0 / 4.0))
                // At the time of the request: checked exactly with asOf in LearnerEndpointsTest.
                .body("meanRetrievability", allOf(greaterThan(0.0), lessThanOrEqualTo(1.0)))
                .body("byLevel.keySet()", contains("beginner", "intermediate"))
                .body("byLevel.beginner.itemsTotal", equalTo(2))
                .body("byLevel.beginner.itemsSeen", equalTo(2))
                .body("byLevel.beginner.itemsMastered", equalTo(0))
                .body("byLevel.beginner.accuracy", equalTo(2.0 / 3.0))
                .body("byLevel.intermediate.itemsTotal", equalTo(1))
                .body("byLevel.intermediate.itemsSeen", equalTo(1))
                .body("byLevel.intermediate.itemsMastered", equalTo(0))
                .body("byLevel.intermediate.accuracy", equalTo(0.0))
                .body("byConcept.keySet()", contains("data version", "environment", "seeds"))
                .body("byConcept.environment.hit", equalTo(1))
                .body("byConcept.environment.total", equalTo(1))
                .body("byConcept.'data version'.hit", equalTo(0))
                .body("byConcept.seeds.hit", equalTo(1)));

        Map<String, Object> explain = learnerItem(learner, deck.id(), deck.explain().id()).orElseThrow();
        assertEquals(1, explain.get("attempts"));
        assertEquals(2, explain.get("conceptsHit"));
        assertEquals(3, explain.get("conceptsTotal"));
        Map<String, Object> mcq = learnerItem(learner, deck.id(), deck.mcq().id()).orElseThrow();
        assertEquals(2, mcq.get("attempts"));
        assertEquals(1, mcq.get("correct"));
        assertEquals(1.0, mcq.get("scoreSum"));
        assertEquals(T0.plusSeconds(180), mcq.get("lastAnsweredAt"), "time comes from the event");
        assertEquals("GOOD", learnerItem(learner, deck.id(), deck.card().id()).orElseThrow().get("lastRating"));

        // A learner who answered nothing sees the deck with nothing seen and no accuracy.
        mastery(newLearner(), deck.id()).statusCode(200).body("itemsTotal", equalTo(3)).body("itemsSeen", equalTo(0))
                .body("accuracy", nullValue()).body("byLevel.beginner.accuracy", nullValue());
    }

    @Test
    void theSameAnswerEventDeliveredTwiceCountsOnce() {
        TestDeck deck = TestDeck.create();
        String learner = newLearner();
        sendDeck(published(deck.id(), 1, HASH_V1, deck.items()));
        EventEnvelope once = answer(learner, deck.id(), deck.mcq(), true, 1.0, null, null, 1);
        sendAnswer(once);
        sendAnswer(once);
        // Same key, so same partition, sent after both copies: once it is applied, so are they.
        sendAnswer(answer(learner, deck.id(), deck.card(), false, 0.0, "AGAIN", null, 2));

        awaitMastery(learner, deck.id(), response -> response.body("itemsSeen", equalTo(2)));
        mastery(learner, deck.id()).statusCode(200)
                .body("accuracy", equalTo(1.0 / 2.0)) // counted twice it would be 2/3
                .body("byLevel.beginner.accuracy", equalTo(1.0 / 2.0));
        assertEquals(1, learnerItem(learner, deck.id(), deck.mcq().id()).orElseThrow().get("attempts"));
        given().when().get("/admin/projection").then().statusCode(200)
                .body("status", equalTo("LIVE"))
                .body("duplicatesSkipped", greaterThanOrEqualTo(1))
                .body("eventsApplied", greaterThanOrEqualTo(4));
    }

    @Test
    void anAnswerThatArrivesBeforeItsDeckIsCountedOnceTheDeckArrives() {
        TestDeck deck = TestDeck.create();
        String learner = newLearner();
        sendAnswer(answer(learner, deck.id(), deck.explain(), true, 1.0, null,
                List.of("environment", "data version", "seeds"), 1));
        await().atMost(PATIENCE).until(() -> learnerItem(learner, deck.id(), deck.explain().id()).isPresent());

        mastery(learner, deck.id()).statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("a published version of deck " + deck.id()
                        + " has not reached progress-service yet"));

        sendDeck(published(deck.id(), 1, HASH_V1, deck.items()));
        awaitMastery(learner, deck.id(), response -> response
                .body("itemsTotal", equalTo(3))
                .body("itemsSeen", equalTo(1))
                .body("accuracy", equalTo(1.0))
                .body("byLevel.intermediate.itemsSeen", equalTo(1))
                .body("byLevel.intermediate.accuracy", equalTo(1.0))
                .body("byLevel.beginner.itemsSeen", equalTo(0))
                .body("byLevel.beginner.accuracy", nullValue()));
    }

    @Test
    void aLateOlderVersionDoesNotReplaceTheNewerOne() {
        TestDeck deck = TestDeck.create();
        String learner = newLearner();
        // Version 2 dropped the explain-prompt; version 1 shows up afterwards (e.g. replayed by an outside producer).
        sendDeck(published(deck.id(), 2, HASH_V2, List.of(deck.card(), deck.mcq())));
        sendDeck(published(deck.id(), 1, HASH_V1, deck.items()));
        sendAnswer(answer(learner, deck.id(), deck.explain(), true, 1.0, null, List.of("seeds"), 1));
        sendAnswer(answer(learner, deck.id(), deck.card(), true, 1.0, "EASY", null, 2));
        await().atMost(PATIENCE).until(() -> versionKnown(deck.id(), 1));

        awaitMastery(learner, deck.id(), response -> response
                .body("deckVersion", equalTo(2))
                .body("itemsTotal", equalTo(2))
                .body("itemsSeen", equalTo(1))
                .body("accuracy", equalTo(1.0))
                .body("byLevel.keySet()", contains("beginner")));
    }

    @Test
    void unreadableAndSchemaInvalidRecordsGoToTheDeadLetterTopicAndTheConsumerKeepsGoing() {
        TestDeck deck = TestDeck.create();
        String learner = newLearner();
        sendDeck(published(deck.id(), 1, HASH_V1, deck.items()));

        TopicReader.send(Topics.QUIZ_EVENTS, learner, "this is {not JSON");
        ObjectNode invalid = Json.MAPPER.valueToTree(answer(learner, deck.id(), deck.mcq(), true, 1.0, null, null, 1));
        ((ObjectNode) invalid.get("data")).put("score", 2.5);
        TopicReader.send(Topics.QUIZ_EVENTS, learner, Json.write(invalid));
        // On the same partition after both: the consumer went past them.
        sendAnswer(answer(learner, deck.id(), deck.card(), true, 1.0, "GOOD", null, 2));

        awaitMastery(learner, deck.id(), response -> response
                .body("itemsSeen", equalTo(1))
                .body("accuracy", equalTo(1.0)));
        List<ConsumerRecord<String, String>> dead = TopicReader.awaitRecords(Topics.deadLetter(Topics.QUIZ_EVENTS),
                record -> learner.equals(record.key()), 2, PATIENCE);
        assertEquals("this is {not JSON", dead.get(0).value());
        assertTrue(reason(dead.get(0)).startsWith("not JSON"), reason(dead.get(0)));
        assertEquals(Json.write(invalid), dead.get(1).value());
        assertTrue(reason(dead.get(1)).startsWith("fails schema /schemas/recall.quiz.answer-recorded.json"),
                reason(dead.get(1)));
        assertTrue(reason(dead.get(1)).contains("score"), reason(dead.get(1)));
        assertEquals(Topics.QUIZ_EVENTS, new String(dead.get(1).headers().lastHeader("recall-dlq-topic").value(),
                StandardCharsets.UTF_8));
        given().when().get("/admin/projection").then().statusCode(200)
                .body("deadLettered", greaterThanOrEqualTo(2));
    }

    @Test
    void anEventTheProjectionRefusesIsDeadLetteredAloneAndTheRestOfItsBatchIsApplied() {
        TestDeck deck = TestDeck.create();
        String learner = newLearner();
        sendDeck(published(deck.id(), 1, HASH_V1, deck.items()));
        awaitMastery(learner, deck.id(), response -> response.body("deckVersion", equalTo(1)));

        // Version 1 again with other content (versions are immutable), then a valid version 2 right behind it.
        EventEnvelope conflicting = published(deck.id(), 1, HASH_V2, deck.items());
        sendDeck(conflicting);
        sendDeck(published(deck.id(), 2, HASH_V2, List.of(deck.card(), deck.mcq())));
        awaitMastery(learner, deck.id(), response -> response.body("deckVersion", equalTo(2))
                .body("itemsTotal", equalTo(2)));
        List<ConsumerRecord<String, String>> dead = TopicReader.awaitRecords(Topics.deadLetter(Topics.DECK_EVENTS),
                record -> deck.id().toString().equals(record.key()), 1, PATIENCE);
        assertEquals(conflicting.toJson(), dead.get(0).value());
        assertTrue(reason(dead.get(0)).startsWith("rejected by progress-service: deck " + deck.id() + " version 1 "
                + "was already published with content " + HASH_V1), reason(dead.get(0)));
    }

    @Test
    void anUnknownDeckIsAProblemDocument() {
        UUID deckId = UUID.randomUUID();
        mastery(newLearner(), deckId).statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", equalTo("a published version of deck " + deckId
                        + " has not reached progress-service yet"));
        given().when().get("/learners/{learner}/decks/{deck}/mastery", "learner-1", "not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    static String reason(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader(EventConsumer.REASON_HEADER).value(), StandardCharsets.UTF_8);
    }
}
