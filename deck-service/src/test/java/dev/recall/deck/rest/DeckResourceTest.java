package dev.recall.deck.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventSchemas;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.Topics;
import dev.recall.contracts.deck.DeckPublished;
import dev.recall.testing.RecallServiceResource;
import dev.recall.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = RecallServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "recall_test_deck"))
class DeckResourceTest {
    static final String CARD = """
            {"kind":"FLASHCARD","level":"beginner","front":"How do fixed random seeds help?",
             "back":"They make randomness repeatable."}""";
    static final String MCQ = """
            {"kind":"MULTIPLE_CHOICE","level":"beginner","stem":"Which tool containerizes environments?",
             "options":[{"text":"Docker","correct":true,"feedback":"Right."},
                        {"text":"Git","correct":false,"feedback":"Git versions code."}],
             "explanation":"Docker packages code and dependencies."}""";
    static final String EXPLAIN = """
            {"kind":"FREE_RESPONSE","level":"intermediate","prompt":"Explain reproducibility.","hint":"Think of data.",
             "concepts":["environment","data version","seeds"],"modelAnswer":"Pin, version, seed."}""";

    static String createDeck(String title) {
        return given().contentType(ContentType.JSON).body("{\"title\":\"" + title + "\"}")
                .when().post("/decks")
                .then().statusCode(201).header("Location", containsString("/decks/")).header("ETag", "\"1\"")
                .extract().path("id");
    }

    static String addItem(String deckId, String item) {
        return given().contentType(ContentType.JSON).body(item)
                .when().post("/decks/{id}/items", deckId)
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void publishingTheSameContentTwiceGivesTheSameHashAndAnnouncesTheSnapshot() {
        String deckId = createDeck("Reproducible pipelines");
        addItem(deckId, CARD);
        addItem(deckId, MCQ);
        addItem(deckId, EXPLAIN);

        String firstHash = given().when().post("/decks/{id}/publish", deckId)
                .then().statusCode(201).body("version", equalTo(1)).body("contentHash", startsWith("sha256:"))
                .header("Location", containsString("/decks/" + deckId + "/versions/1"))
                .extract().path("contentHash");
        given().when().post("/decks/{id}/publish", deckId)
                .then().statusCode(201).body("version", equalTo(2)).body("contentHash", equalTo(firstHash));

        given().when().get("/decks/{id}/versions/1", deckId)
                .then().statusCode(200).body("contentHash", equalTo(firstHash)).body("items", hasSize(3))
                .body("items[1].options.id", contains("a", "b"));
        given().when().get("/decks/{id}", deckId)
                .then().statusCode(200).header("ETag", "\"6\"").body("revision", equalTo(6))
                .body("latestVersion", equalTo(2));
        given().when().get("/decks/{id}/events", deckId)
                .then().statusCode(200).body("type", contains(EventTypes.DECK_CREATED, EventTypes.DECK_ITEM_ADDED,
                        EventTypes.DECK_ITEM_ADDED, EventTypes.DECK_ITEM_ADDED, EventTypes.DECK_PUBLISHED,
                        EventTypes.DECK_PUBLISHED))
                .body("sequence", contains(1, 2, 3, 4, 5, 6));

        List<ConsumerRecord<String, String>> published = TopicReader.awaitRecords(Topics.DECK_EVENTS,
                r -> deckId.equals(r.key()) && r.value().contains(EventTypes.DECK_PUBLISHED), 2, Duration.ofSeconds(30));
        EventEnvelope first = EventSchemas.parse(published.get(0).value());
        DeckPublished snapshot = first.dataAs(DeckPublished.class);
        assertEquals(1, snapshot.version());
        assertEquals(firstHash, snapshot.contentHash());
        assertEquals(3, snapshot.items().size());
        assertEquals(5L, first.sequence());
        assertEquals(deckId, first.subject());
        assertEquals(2, EventSchemas.parse(published.get(1).value()).dataAs(DeckPublished.class).version());
    }

    @Test
    void aDecksDesiredRetentionIsSetChangedAndFrozenWithEachVersion() {
        String deckId = given().contentType(ContentType.JSON).body("{\"title\":\"Retention\",\"desiredRetention\":0.85}")
                .when().post("/decks")
                .then().statusCode(201).body("settings.desiredRetention", equalTo(0.85f)).extract().path("id");
        addItem(deckId, CARD);
        given().when().post("/decks/{id}/publish", deckId).then().statusCode(201);
        given().contentType(ContentType.JSON).header("If-Match", "\"3\"").body("{\"desiredRetention\":0.95}")
                .when().put("/decks/{id}/settings", deckId)
                .then().statusCode(200).header("ETag", "\"4\"").body("settings.desiredRetention", equalTo(0.95f));
        given().contentType(ContentType.JSON).body("{\"desiredRetention\":1.2}")
                .when().put("/decks/{id}/settings", deckId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", contains("desiredRetention"))
                .body("errors.message", contains(startsWith("desiredRetention must be a number from 0.7 to 0.99")));
        given().contentType(ContentType.JSON).body("{\"title\":\"Bad\",\"desiredRetention\":\"high\"}")
                .when().post("/decks").then().statusCode(400).contentType("application/problem+json");
        given().when().post("/decks/{id}/publish", deckId).then().statusCode(201).body("version", equalTo(2));

        given().when().get("/decks/{id}/versions/1", deckId).then().body("settings.desiredRetention", equalTo(0.85f));
        given().when().get("/decks/{id}/versions/2", deckId).then().body("settings.desiredRetention", equalTo(0.95f));
        List<ConsumerRecord<String, String>> published = TopicReader.awaitRecords(Topics.DECK_EVENTS,
                r -> deckId.equals(r.key()) && r.value().contains(EventTypes.DECK_PUBLISHED), 2, Duration.ofSeconds(30));
        assertEquals(List.of(0.85, 0.95), published.stream().map(r -> EventSchemas.parse(r.value()))
                .map(event -> event.dataAs(DeckPublished.class).settings().desiredRetention()).toList());
        assertEquals(2, EventSchemas.parse(published.get(0).value()).schemaVersion());
        assertEquals(1, TopicReader.awaitRecords(Topics.DECK_EVENTS, r -> deckId.equals(r.key())
                && r.value().contains(EventTypes.DECK_SETTINGS_CHANGED), 1, Duration.ofSeconds(30)).size());
    }

    @Test
    void everyEventOfTheDeckReachesTheTopicInOrderOnOnePartition() {
        String deckId = createDeck("Ordering");
        addItem(deckId, CARD);
        addItem(deckId, EXPLAIN);
        List<ConsumerRecord<String, String>> records = TopicReader.awaitRecords(Topics.DECK_EVENTS,
                r -> deckId.equals(r.key()), 3, Duration.ofSeconds(30));
        assertEquals(1, records.stream().map(ConsumerRecord::partition).distinct().count());
        assertEquals(List.of(1L, 2L, 3L), records.stream().map(r -> EventSchemas.parse(r.value()).sequence()).toList());
    }

    @Test
    void anEditBasedOnAStaleRevisionGets409AndChangesNothing() {
        String deckId = createDeck("Concurrency");
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(CARD)
                .when().post("/decks/{id}/items", deckId)
                .then().statusCode(201).header("ETag", "\"2\"");
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(MCQ)
                .when().post("/decks/{id}/items", deckId)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("deck " + deckId + " is at version 2 but the edit was based on version 1; "
                        + "reload the deck and apply the edit again"));
        given().header("If-Match", "\"1\"").when().post("/decks/{id}/publish", deckId).then().statusCode(409);
        given().when().get("/decks/{id}", deckId).then().statusCode(200).body("items", hasSize(1))
                .body("revision", equalTo(2));
    }

    @Test
    void publishingAnInvalidDeckAnswers422WithEveryProblem() {
        String deckId = createDeck("Broken");
        String mcq = addItem(deckId, """
                {"kind":"MULTIPLE_CHOICE","level":"beginner","stem":"Which?","options":[]}""");
        String explain = addItem(deckId, """
                {"kind":"FREE_RESPONSE","level":"advanced","prompt":"Explain.","concepts":["a",""]}""");
        given().when().post("/decks/{id}/publish", deckId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("the deck cannot be published: 2 problems"))
                .body("errors.itemId", contains(mcq, explain))
                .body("errors.field", contains("options", "concepts[1]"));
        given().when().get("/decks/{id}", deckId).then().body("latestVersion", equalTo(null));
    }

    @Test
    void revisingAndRemovingItemsChangesTheDraft() {
        String deckId = createDeck("Revisions");
        String card = addItem(deckId, CARD);
        given().contentType(ContentType.JSON).body(CARD.replace("repeatable", "reproducible"))
                .when().put("/decks/{id}/items/{item}", deckId, card)
                .then().statusCode(200).body("back", equalTo("They make randomness reproducible."));
        given().when().delete("/decks/{id}/items/{item}", deckId, card).then().statusCode(204);
        given().when().delete("/decks/{id}/items/{item}", deckId, card).then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/decks/{id}", deckId).then().body("items", hasSize(0)).body("revision", equalTo(4));
    }

    @Test
    void everyKindOfItemCanBeAuthoredAndPublished() {
        String deckId = createDeck("Every kind");
        addItem(deckId, CARD);
        addItem(deckId, MCQ);
        addItem(deckId, EXPLAIN);
        addItem(deckId, """
                {"kind":"TRUE_FALSE","level":"beginner","stem":"Seeds fix randomness.","answer":true,
                 "feedbackFalse":"They do fix it.","explanation":"A seed pins the generator."}""");
        addItem(deckId, """
                {"kind":"SHORT_ANSWER","level":"beginner","stem":"Which tool containerizes?",
                 "acceptedAnswers":[{"text":"Docker"},{"text":"Podman","weight":50,"feedback":"Also."}]}""");
        addItem(deckId, """
                {"kind":"NUMERIC","level":"intermediate","stem":"How many seeds?","format":"markdown",
                 "numericAnswers":[{"value":3,"tolerance":0},{"min":2,"max":4,"weight":50}]}""");
        addItem(deckId, """
                {"kind":"MATCHING","level":"advanced","stem":"Match.","title":"tools",
                 "pairs":[{"left":"Docker","right":"environment"},{"left":"DVC","right":"data"}]}""");
        given().when().post("/decks/{id}/publish", deckId).then().statusCode(201).body("version", equalTo(1));
        given().when().get("/decks/{id}/versions/1", deckId).then().statusCode(200)
                .body("items.kind", contains("FLASHCARD", "MULTIPLE_CHOICE", "FREE_RESPONSE", "TRUE_FALSE",
                        "SHORT_ANSWER", "NUMERIC", "MATCHING"))
                .body("items[3].answer", equalTo(true))
                .body("items[4].acceptedAnswers.weight", contains(null, 50.0f))
                .body("items[5].numericAnswers[1].max", equalTo(4.0f))
                .body("items[5].format", equalTo("markdown"))
                .body("items[6].pairs.right", contains("environment", "data"));
    }

    @Test
    void publishingAnIncompleteItemOfANewKindNamesWhatIsMissing() {
        String deckId = createDeck("Incomplete kinds");
        String tf = addItem(deckId, "{\"kind\":\"TRUE_FALSE\",\"level\":\"beginner\",\"stem\":\"Seeds?\"}");
        String numeric = addItem(deckId, """
                {"kind":"NUMERIC","level":"beginner","stem":"How many?","numericAnswers":[{"value":3,"tolerance":-1}]}""");
        given().when().post("/decks/{id}/publish", deckId).then().statusCode(422)
                .body("errors.itemId", contains(tf, numeric))
                .body("errors.field", contains("answer", "numericAnswers[0].tolerance"));
    }

    @Test
    void badInputGetsAProblemDocumentNeverA500() {
        given().contentType(ContentType.JSON).body("{\"title\":").when().post("/decks")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"title\":\"\"}").when().post("/decks")
                .then().statusCode(422).body("errors[0].field", equalTo("title"));
        given().contentType(ContentType.JSON).when().post("/decks")
                .then().statusCode(400).body("detail", equalTo("a JSON request body is required"));
        String deckId = createDeck("Bad items");
        given().contentType(ContentType.JSON).body("{\"kind\":\"ESSAY\",\"level\":\"beginner\"}")
                .when().post("/decks/{id}/items", deckId)
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("kind"));
        given().contentType(ContentType.JSON).body("{\"kind\":\"NUMERIC\",\"level\":\"beginner\",\"format\":\"rtf\"}")
                .when().post("/decks/{id}/items", deckId)
                .then().statusCode(400).body("detail", containsString("unknown format 'rtf'"));
        given().contentType(ContentType.JSON).body("{\"kind\":\"FLASHCARD\",\"level\":\"expert\"}")
                .when().post("/decks/{id}/items", deckId)
                .then().statusCode(400).body("detail", containsString("unknown level 'expert'"));
        given().contentType(ContentType.JSON).header("If-Match", "yesterday").body(CARD)
                .when().post("/decks/{id}/items", deckId).then().statusCode(400);
        given().when().get("/decks/{id}", "not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        given().when().get("/decks/{id}", "00000000-0000-4000-8000-000000000000").then().statusCode(404)
                .body("detail", equalTo("there is no deck 00000000-0000-4000-8000-000000000000"));
        given().when().get("/decks/{id}/versions/9", deckId).then().statusCode(404);
    }
}
