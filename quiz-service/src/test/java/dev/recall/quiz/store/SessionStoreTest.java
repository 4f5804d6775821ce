package dev.recall.quiz.store;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.Topics;
import dev.recall.contracts.deck.DeckPublished;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.Level;
import dev.recall.contracts.deck.Option;
import dev.recall.contracts.quiz.AnswerRecorded;
import dev.recall.kit.problem.ProblemException;
import dev.recall.testing.RecallServiceResource;
import dev.recall.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The group path of {@link SessionStore}, called directly: one transaction, the effect of one answer after another. */
@QuarkusTest
@QuarkusTestResource(value = RecallServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "recall_test_quiz"))
class SessionStoreTest {
    @Inject
    SessionStore store;

    @Inject
    DataSource dataSource;

    final UUID deckId = UUID.randomUUID();
    final UUID card = UUID.randomUUID();
    final UUID mcq = UUID.randomUUID();

    UUID publishDeck() {
        DeckPublished deck = new DeckPublished(deckId, 1, "sha256:" + "3".repeat(64), "Grouped", null, List.of(),
                List.of(Item.flashcard(card, Level.BEGINNER, "Front", "Back"),
                        Item.multipleChoice(mcq, Level.BEGINNER, "Stem?", List.of(
                                new Option("a", "Yes", true, null, null), new Option("b", "No", false, null, null)),
                                null)),
                Instant.parse("2026-11-28T00:00:00Z"));
        TopicReader.send(Topics.DECK_EVENTS, deckId.toString(), EventEnvelope.of(EventTypes.DECK_PUBLISHED,
                "deck-service", deckId.toString(), deck.publishedAt(), 1L, deck).toJson());
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/catalogue/{id}", deckId).statusCode() == 200);
        return deckId;
    }

    UUID startSession(String learner) {
        return UUID.fromString(given().contentType(ContentType.JSON).body("{\"learnerId\":\"" + learner
                + "\",\"deckId\":\"" + deckId + "\",\"mode\":\"MIXED\",\"seed\":1}").post("/sessions")
                .then().statusCode(201).extract().path("id"));
    }

    /** Accepts any item not answered yet in its session; the result shown is the answer id and the item. */
    SessionStore.Pending answer(UUID sessionId, UUID answerId, UUID itemId) {
        Instant now = Instant.parse("2026-11-28T00:10:00Z");
        return new SessionStore.Pending(sessionId, answerId, itemId, (session, deck, itemAnswered) -> {
            if (itemAnswered) {
                throw ProblemException.conflict("item " + itemId + " was already answered");
            }
            Item item = deck.items().stream().filter(i -> i.id().equals(itemId)).findFirst().orElseThrow();
            AnswerRecorded event = new AnswerRecorded(answerId, sessionId, session.learnerId(), deck.deckId(),
                    deck.version(), itemId, item.kind(), item.level(), true, 1.0, "GOOD", List.of(), null, null, null,
                    now, 1000L);
            return new SessionStore.Recording(event, Map.of("itemId", itemId),
                    Map.of("answerId", answerId, "itemId", itemId));
        }, now);
    }

    @Test
    void aGroupHasTheEffectOfItsAnswersRecordedOneAfterAnotherInOrder() throws SQLException {
        publishDeck();
        UUID first = startSession("grouped-a");
        UUID second = startSession("grouped-b");
        UUID earlier = UUID.randomUUID();
        // stored before the group
        store.record(first, earlier, mcq, answer(first, earlier, mcq).decision(), Instant.now()).join();
        UUID kept = UUID.randomUUID();
        UUID missing = UUID.randomUUID();
        List<SessionStore.Pending> group = List.of(
                answer(first, kept, card),                  // 0: accepted
                answer(first, kept, card),                  // 1: its retry in the same group: the stored result
                answer(first, UUID.randomUUID(), card),     // 2: the card again under another id: 409
                answer(first, earlier, mcq),                // 3: an answer stored before the group: its result
                answer(second, kept, card),                 // 4: that answer id in another session: 409
                answer(missing, UUID.randomUUID(), card),   // 5: no such session
                answer(second, UUID.randomUUID(), mcq));    // 6: accepted
        List<Object> outcomes = store.recordGroup(group);

        SessionStore.Recorded accepted = (SessionStore.Recorded) outcomes.get(0);
        assertTrue(accepted.created());
        assertEquals(kept.toString(), accepted.result().path("answerId").asText());
        SessionStore.Recorded retry = (SessionStore.Recorded) outcomes.get(1);
        assertFalse(retry.created());
        assertEquals(accepted.result(), retry.result());
        assertEquals(409, ((ProblemException) outcomes.get(2)).toProblem().status());
        SessionStore.Recorded before = (SessionStore.Recorded) outcomes.get(3);
        assertFalse(before.created());
        assertEquals(earlier.toString(), before.result().path("answerId").asText());
        assertEquals(409, ((ProblemException) outcomes.get(4)).toProblem().status());
        assertEquals(SessionStore.NoSuchSession.class, outcomes.get(5).getClass());
        assertTrue(((SessionStore.Recorded) outcomes.get(6)).created());
        assertEquals(List.of(earlier + " " + mcq, kept + " " + card), stored(first));
        assertEquals(1, stored(second).size());
    }

    List<String> stored(UUID sessionId) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT answer_id, item_id FROM answers WHERE session_id = ? ORDER BY recorded_at, answer_id")) {
            select.setObject(1, sessionId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return rows;
    }
}
