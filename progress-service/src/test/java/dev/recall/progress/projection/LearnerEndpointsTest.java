package dev.recall.progress.projection;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventSchemas;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.deck.DeckPublished;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.quiz.AnswerRecorded;
import dev.recall.progress.projection.ProgressProjectionTest.TestDeck;
import dev.recall.progress.scheduling.Card;
import dev.recall.progress.scheduling.Fsrs;
import dev.recall.progress.scheduling.Rating;
import dev.recall.testing.RecallServiceResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The learner endpoints over one learner's answers in January 2025: the item, what is due and the
 * deck mastery, now and asOf. Expected schedules come from {@link Fsrs} (itself checked against
 * ts-fsrs), so each number here is exact.
 */
@QuarkusTest
@QuarkusTestResource(value = RecallServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "recall_test_progress"))
class LearnerEndpointsTest {
    static final Instant PUBLISHED = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant T0 = Instant.parse("2025-01-06T08:00:00Z");
    static final Instant DAY8 = T0.plus(Duration.ofDays(8));
    static final Fsrs FSRS = new Fsrs();

    TestDeck deck;
    String learner;

    static Instant minutes(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static EventEnvelope answer(String learnerId, UUID deckId, Item item, Instant at, boolean correct, double score,
            String rating, List<String> selected, List<String> concepts) {
        EventEnvelope event = EventEnvelope.of(EventTypes.ANSWER_RECORDED, "quiz-service", learnerId, at, null,
                new AnswerRecorded(UUID.randomUUID(), UUID.randomUUID(), learnerId, deckId, 1, item.id(), item.kind(),
                        item.level(), correct, score, rating, selected, concepts,
                        concepts == null ? null : concepts.size(), concepts == null ? null : item.concepts().size(), at,
                        2500L));
        EventSchemas.requireValid(event);
        return event;
    }

    @BeforeEach
    void answersOfJanuary2025() {
        deck = TestDeck.create();
        learner = ProgressProjectionTest.newLearner();
        EventEnvelope published = EventEnvelope.of(EventTypes.DECK_PUBLISHED, "deck-service", deck.id().toString(),
                PUBLISHED, 5L, new DeckPublished(deck.id(), 1, ProgressProjectionTest.HASH_V1, "Pipelines", null,
                        List.of(), deck.items(), PUBLISHED));
        ProgressProjectionTest.sendDeck(published);
        List.of(answer(learner, deck.id(), deck.card(), T0, true, 1, "EASY", null, null),
                answer(learner, deck.id(), deck.mcq(), minutes(1), false, 0, null, List.of("b"), null),
                answer(learner, deck.id(), deck.mcq(), minutes(2), true, 1, null, List.of("a"), null),
                answer(learner, deck.id(), deck.explain(), minutes(5), true, 1, null, null,
                        List.of("environment", "data version", "seeds")),
                answer(learner, deck.id(), deck.explain(), minutes(24 * 60), false, 2.0 / 3, null, null,
                        List.of("environment", "seeds")),
                answer(learner, deck.id(), deck.card(), DAY8, true, 1, "EASY", null, null))
                .forEach(ProgressProjectionTest::sendAnswer);
        await().atMost(ProgressProjectionTest.PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                item(deck.card().id(), null).statusCode(200).body("attempts", equalTo(2)));
    }

    ValidatableResponse item(UUID itemId, Object asOf) {
        return given().config(ProgressProjectionTest.DOUBLES).queryParams(asOf == null ? java.util.Map.of()
                : java.util.Map.of("asOf", asOf.toString()))
                .when().get("/learners/{learner}/items/{item}", learner, itemId).then();
    }

    static Card card() {
        return FSRS.review(FSRS.review(Card.unseen(T0), T0, Rating.EASY), DAY8, Rating.EASY);
    }

    static Card mcq() {
        return FSRS.review(FSRS.review(Card.unseen(T0), minutes(1), Rating.AGAIN), minutes(2), Rating.GOOD);
    }

    static Card explain() {
        return FSRS.review(FSRS.review(Card.unseen(T0), minutes(5), Rating.GOOD), minutes(24 * 60), Rating.HARD);
    }

    @Test
    void anItemShowsAttemptsTheFsrsScheduleAndRetrievabilityAsOfAnyInstant() {
        Instant later = T0.plus(Duration.ofDays(30));
        Card card = card();
        assertEquals(65.62422648, card.stability(), "as ts-fsrs 5.4.2 computes it");
        item(deck.card().id(), later).statusCode(200)
                .body("learnerId", equalTo(learner))
                .body("deckId", equalTo(deck.id().toString()))
                .body("asOf", equalTo("2025-02-05T08:00:00Z"))
                .body("attempts", equalTo(2))
                .body("correct", equalTo(2))
                .body("lastRating", equalTo("EASY"))
                .body("state", equalTo("REVIEW"))
                .body("stability", equalTo(card.stability()))
                .body("difficulty", equalTo(card.difficulty()))
                .body("due", equalTo(card.due().toString()))
                .body("lastReviewedAt", equalTo("2025-01-14T08:00:00Z"))
                .body("scheduledDays", equalTo(card.scheduledDays()))
                .body("reps", equalTo(2))
                .body("lapses", equalTo(0))
                .body("retrievability", equalTo(FSRS.retrievability(card, later)));

        // After the first answer only: EASY on a new card schedules it 8 days out.
        item(deck.card().id(), "2025-01-06T09:00:00Z").statusCode(200)
                .body("attempts", equalTo(1))
                .body("stability", equalTo(8.2956))
                .body("due", equalTo("2025-01-14T08:00:00Z"))
                .body("scheduledDays", equalTo(8))
                .body("retrievability", equalTo(1.0));
        // The deck is known but nothing was answered yet: a new item.
        item(deck.card().id(), "2025-01-03T00:00:00Z").statusCode(200)
                .body("attempts", equalTo(0))
                .body("state", equalTo("NEW"))
                .body("stability", nullValue())
                .body("retrievability", equalTo(0.0));
        // Before the deck was published progress-service knew nothing of the item.
        item(deck.card().id(), "2024-12-01T00:00:00Z").statusCode(404).contentType("application/problem+json");

        // Now: the live projection holds the same schedule.
        item(deck.card().id(), null).statusCode(200)
                .body("stability", equalTo(card.stability()))
                .body("due", equalTo(card.due().toString()))
                .body("lastRating", equalTo("EASY"));
        // A partly covered explain-prompt counts as HARD.
        item(deck.explain().id(), null).statusCode(200)
                .body("lastRating", equalTo("HARD"))
                .body("correct", equalTo(1))
                .body("stability", equalTo(explain().stability()));
    }

    @Test
    void dueListsTheItemsDueSoonestFirst() {
        Card mcq = mcq();
        Card explain = explain();
        Card card = card();
        assertEquals(minutes(12), mcq.due(), "GOOD after AGAIN: the 10-minute step");
        assertEquals(minutes(24 * 60 + 6), explain.due(), "HARD on the second step: 6 minutes");

        String asOf = minutes(20).toString();
        given().queryParam("asOf", asOf).queryParam("deckId", deck.id())
                .when().get("/learners/{learner}/due", learner).then().statusCode(200)
                .body("itemId", contains(deck.mcq().id().toString(), deck.explain().id().toString()))
                .body("due", contains(mcq.due().toString(), minutes(15).toString()))
                .body("state", contains("LEARNING", "LEARNING"));
        given().queryParam("asOf", asOf).queryParam("limit", 1)
                .when().get("/learners/{learner}/due", learner).then().statusCode(200)
                .body("itemId", contains(deck.mcq().id().toString()));

        // Now, a year on, everything is due: in order of due time, from the live projection.
        given().config(ProgressProjectionTest.DOUBLES).queryParam("deckId", deck.id().toString())
                .when().get("/learners/{learner}/due", learner).then().statusCode(200)
                .body("itemId", contains(deck.mcq().id().toString(), deck.explain().id().toString(),
                        deck.card().id().toString()))
                .body("due", contains(mcq.due().toString(), explain.due().toString(), card.due().toString()))
                .body("stability[2]", equalTo(card.stability()));
        given().queryParam("deckId", UUID.randomUUID().toString())
                .when().get("/learners/{learner}/due", learner).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void aVersionWithoutAnItemTakesItOffTheDueListAndItsTagsBecomeConcepts() {
        Instant republished = DAY8.plus(Duration.ofDays(100));
        Item taggedMcq = deck.mcq().toBuilder().tags(List.of("containers")).build();
        ProgressProjectionTest.sendDeck(EventEnvelope.of(EventTypes.DECK_PUBLISHED, "deck-service",
                deck.id().toString(), republished, 6L, new DeckPublished(deck.id(), 2, ProgressProjectionTest.HASH_V2,
                        "Pipelines", null, List.of(), List.of(taggedMcq, deck.explain()), republished)));
        await().atMost(ProgressProjectionTest.PATIENCE).untilAsserted(() ->
                ProgressProjectionTest.mastery(learner, deck.id()).statusCode(200).body("deckVersion", equalTo(2)));

        // The flashcard falls due after DAY8's review; version 2 no longer has it.
        assertTrue(card().due().isBefore(republished));
        given().queryParam("asOf", republished.minusSeconds(1).toString())
                .when().get("/learners/{learner}/due", learner).then().statusCode(200)
                .body("itemId", contains(deck.mcq().id().toString(), deck.explain().id().toString(),
                        deck.card().id().toString()));
        given().queryParam("asOf", republished.toString())
                .when().get("/learners/{learner}/due", learner).then().statusCode(200)
                .body("itemId", contains(deck.mcq().id().toString(), deck.explain().id().toString()));
        given().queryParam("deckId", deck.id().toString())
                .when().get("/learners/{learner}/due", learner).then().statusCode(200)
                .body("itemId", contains(deck.mcq().id().toString(), deck.explain().id().toString()));

        // The MCQ (wrong, then right) is the one item tagged "containers"; rubric concepts stay as they were.
        ProgressProjectionTest.mastery(learner, deck.id()).statusCode(200)
                .body("itemsTotal", equalTo(2))
                .body("byConcept.containers.hit", equalTo(0))
                .body("byConcept.containers.total", equalTo(0))
                .body("byConcept.containers.tagged.itemsTotal", equalTo(1))
                .body("byConcept.containers.tagged.itemsSeen", equalTo(1))
                .body("byConcept.containers.tagged.accuracy", equalTo(0.5))
                .body("byConcept.seeds.hit", equalTo(1))
                .body("byConcept.seeds.tagged", equalTo(null));
    }

    @Test
    void masteryAsOfReplaysTheEventsUpToThatInstant() {
        Instant later = T0.plus(Duration.ofDays(30));
        double meanRetrievability = (FSRS.retrievability(card(), later) + FSRS.retrievability(mcq(), later)
                + FSRS.retrievability(explain(), later)) / 3;
        ProgressProjectionTest.mastery(learner, deck.id()).statusCode(200); // the deck is there
        given().config(ProgressProjectionTest.DOUBLES).queryParam("asOf", later.toString())
                .when().get("/learners/{learner}/decks/{deck}/mastery", learner, deck.id()).then().statusCode(200)
                .body("asOf", equalTo(later.toString()))
                .body("itemsTotal", equalTo(3))
                .body("itemsSeen", equalTo(3))
                .body("itemsMastered", equalTo(1))
                .body("accuracy", equalTo(4.0 / 6.0))
                .body("meanRetrievability", equalTo(meanRetrievability))
                .body("byLevel.beginner.itemsMastered", equalTo(1))
                .body("byLevel.intermediate.itemsMastered", equalTo(0))
                .body("byConcept.environment.hit", equalTo(1))
                .body("byConcept.'data version'.hit", equalTo(0))
                .body("byConcept.'data version'.total", equalTo(1))
                .body("byConcept.seeds.hit", equalTo(1));

        // Three minutes in: the card once, the MCQ twice, the explain-prompt not yet.
        given().config(ProgressProjectionTest.DOUBLES).queryParam("asOf", minutes(3).toString())
                .when().get("/learners/{learner}/decks/{deck}/mastery", learner, deck.id()).then().statusCode(200)
                .body("itemsSeen", equalTo(2))
                .body("itemsMastered", equalTo(0))
                .body("accuracy", equalTo(2.0 / 3.0))
                .body("byLevel.intermediate.itemsSeen", equalTo(0))
                .body("byConcept.keySet()", hasSize(0));

        given().queryParam("asOf", "2024-12-31T23:59:59Z")
                .when().get("/learners/{learner}/decks/{deck}/mastery", learner, deck.id()).then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("no version of deck " + deck.id() + " had been published by "
                        + "2024-12-31T23:59:59Z"));

        // The live projection and a replay up to now agree.
        String now = Instant.now().toString();
        ValidatableResponse replayed = given().config(ProgressProjectionTest.DOUBLES).queryParam("asOf", now)
                .when().get("/learners/{learner}/decks/{deck}/mastery", learner, deck.id()).then().statusCode(200);
        double replayedRetrievability = replayed.extract().path("meanRetrievability");
        ProgressProjectionTest.mastery(learner, deck.id()).statusCode(200)
                .body("itemsSeen", equalTo(3))
                .body("itemsMastered", equalTo(1))
                .body("accuracy", equalTo(4.0 / 6.0))
                .body("meanRetrievability", closeTo(replayedRetrievability, 0.01))
                .body("byConcept", equalTo(replayed.extract().path("byConcept")));
    }

    @Test
    void badQueryParametersAreProblemsThatSayWhatToFix() {
        given().queryParam("asOf", "yesterday").when().get("/learners/{learner}/items/{item}", learner,
                deck.card().id()).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("asOf must be an ISO-8601 instant"));
        given().queryParam("asOf", "2025-01-06").when().get("/learners/{learner}/decks/{deck}/mastery", learner,
                deck.id()).then().statusCode(400).contentType("application/problem+json");
        given().queryParam("limit", 0).when().get("/learners/{learner}/due", learner).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("limit must be"));
        given().queryParam("limit", "ten").when().get("/learners/{learner}/due", learner).then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("deckId", "deck-1").when().get("/learners/{learner}/due", learner).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("deckId must be a UUID"));
        given().when().get("/learners/{learner}/items/{item}", learner, "not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/learners/{learner}/items/{item}", learner, UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
