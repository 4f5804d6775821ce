package dev.recall.progress.projection;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventSchemas;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.quiz.AnswerRecorded;
import dev.recall.progress.projection.ProgressProjectionTest.TestDeck;
import dev.recall.testing.RecallServiceResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Item analysis through the broker: four learners' sessions on the three-item deck, as JSON and CSV. */
@QuarkusTest
@QuarkusTestResource(value = RecallServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "recall_test_progress"))
class ItemStatsEndpointTest {
    static final Instant T0 = Instant.parse("2025-02-03T10:00:00Z");

    static EventEnvelope answer(UUID session, String learner, UUID deckId, Item item, double score,
            List<String> selected, List<String> concepts, long latencyMs) {
        Instant at = T0.plusSeconds(latencyMs);
        EventEnvelope event = EventEnvelope.of(EventTypes.ANSWER_RECORDED, "quiz-service", learner, at, null,
                new AnswerRecorded(UUID.randomUUID(), session, learner, deckId, 1, item.id(), item.kind(),
                        item.level(), score == 1, score, item.kind().name().equals("FLASHCARD")
                                ? (score == 1 ? "GOOD" : "AGAIN") : null,
                        selected, concepts, concepts == null ? null : concepts.size(),
                        concepts == null ? null : item.concepts().size(), at, latencyMs));
        EventSchemas.requireValid(event);
        return event;
    }

    @Test
    void itemStatisticsOverAllLearnersAsJsonAndCsv() {
        TestDeck deck = TestDeck.create();
        ProgressProjectionTest.sendDeck(ProgressProjectionTest.published(deck.id(), 1, ProgressProjectionTest.HASH_V1,
                deck.items()));
        // Sessions (card, mcq, explain): (1, a, 3/3) (1, a, 2/3) (0, b, 1/3) (0, b, 0/3).
        double[] card = {1, 1, 0, 0};
        String[] choice = {"a", "a", "b", "b"};
        List<List<String>> concepts = List.of(List.of("environment", "data version", "seeds"),
                List.of("environment", "seeds"), List.of("seeds"), List.of());
        for (int s = 0; s < 4; s++) {
            String learner = ProgressProjectionTest.newLearner();
            UUID session = UUID.randomUUID();
            ProgressProjectionTest.sendAnswer(answer(session, learner, deck.id(), deck.card(), card[s], null, null,
                    1000 + 1000L * s));
            ProgressProjectionTest.sendAnswer(answer(session, learner, deck.id(), deck.mcq(),
                    "a".equals(choice[s]) ? 1 : 0, List.of(choice[s]), null, 4000));
            ProgressProjectionTest.sendAnswer(answer(session, learner, deck.id(), deck.explain(),
                    concepts.get(s).size() / 3.0, null, concepts.get(s), 30_000));
        }

        await().atMost(ProgressProjectionTest.PATIENCE).untilAsserted(() -> given()
                .when().get("/decks/{deck}/item-stats", deck.id()).then().statusCode(200).body("answers", equalTo(12)));
        // Card and MCQ: x = 1,1,0,0, rest = 2 + 2/3... identical columns, so identical figures.
        // For the card: rest y = (1 + 1, 1 + 2/3, 0 + 1/3, 0 + 0) = 2, 5/3, 1/3, 0; mean 1; Sxx = 1;
        // Syy = 1 + 4/9 + 4/9 + 1 = 26/9; Sxy = (1/2)(1) + (1/2)(2/3) + (-1/2)(-2/3) + (-1/2)(-1) = 5/3.
        double cardDiscrimination = (5.0 / 3) / Math.sqrt(1 * 26.0 / 9);
        given().config(ProgressProjectionTest.DOUBLES).when().get("/decks/{deck}/item-stats", deck.id()).then()
                .statusCode(200)
                .body("deckVersion", equalTo(1))
                .body("sessions", equalTo(4))
                .body("items.itemId", contains(deck.card().id().toString(), deck.mcq().id().toString(),
                        deck.explain().id().toString()))
                .body("items[0].attempts", equalTo(4))
                .body("items[0].facility", equalTo(0.5))
                .body("items[0].standardDeviation", equalTo(Math.sqrt(1.0 / 3)))
                .body("items[0].discrimination", closeTo(cardDiscrimination, 1e-12))
                .body("items[0].meanLatencyMs", equalTo(2500.0))
                .body("items[0].options", nullValue())
                .body("items[1].options.id", contains("a", "b"))
                .body("items[1].options.correct", contains(true, false))
                .body("items[1].discrimination", closeTo(cardDiscrimination, 1e-12))
                .body("items[1].options.count", contains(2, 2))
                .body("items[2].facility", closeTo(0.5, 1e-12));

        // The CSV carries the JSON's numbers (the two discriminations may differ in the last bit: summation order).
        List<Double> reported = given().config(ProgressProjectionTest.DOUBLES).when()
                .get("/decks/{deck}/item-stats", deck.id()).then().extract().path("items.discrimination");
        String csv = given().accept("text/csv").when().get("/decks/{deck}/item-stats", deck.id()).then()
                .statusCode(200).contentType("text/csv").extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(4, lines.length, csv);
        assertEquals("itemId,kind,level,attempts,facility,standardDeviation,discrimination,meanLatencyMs,options",
                lines[0]);
        assertEquals(deck.card().id() + ",FLASHCARD,beginner,4,0.5," + Math.sqrt(1.0 / 3) + "," + reported.get(0)
                + ",2500.0,", lines[1]);
        assertEquals(deck.mcq().id() + ",MULTIPLE_CHOICE,beginner,4,0.5," + Math.sqrt(1.0 / 3) + "," + reported.get(1)
                + ",4000.0,a*:2;b:2", lines[2]);
    }

    @Test
    void anUnknownDeckIsAProblemDocumentEvenWhenCsvIsAskedFor() {
        UUID deckId = UUID.randomUUID();
        given().accept("text/csv").when().get("/decks/{deck}/item-stats", deckId).then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/decks/{deck}/item-stats", "not-a-deck").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
