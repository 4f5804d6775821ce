package dev.recall.deck.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recall.contracts.EventSchemas;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.Json;
import dev.recall.contracts.Topics;
import dev.recall.deck.authoring.ContentHash;
import dev.recall.deck.importing.Samples;
import dev.recall.testing.RecallServiceResource;
import dev.recall.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = RecallServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "recall_test_deck"))
class ImportExportResourceTest {
    static final String PAGE = Samples.read("recall-review-reproducible-pipelines.txt");
    static final String GIFT = Samples.read("reproducible-pipelines.gift");
    static final String TSV = Samples.read("reproducible-pipelines-flashcards.tsv");

    static ExtractableResponse<Response> importFile(String format, String body) {
        return given().contentType("text/plain; charset=UTF-8").body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/decks/imports?format=" + format)
                .then().statusCode(201).header("Location", containsString("/decks/")).extract();
    }

    static long deckCount() {
        return Long.parseLong(given().when().get("/decks?size=1").then().statusCode(200).extract()
                .header("X-Total-Count"));
    }

    @Test
    void theSeedPageImportsFiveFlashcardsFiveMultipleChoiceDraftsAndTwoExplainPrompts() {
        ExtractableResponse<Response> imported = importFile("recall", PAGE);
        String deckId = imported.path("deckId");
        assertEquals(12, (int) imported.path("itemCount"));
        assertEquals("Recall & Review", imported.path("title"));
        assertEquals(List.of("the file names no title: the deck is titled 'Recall & Review'; pass ?title= to choose one",
                "5 items, lines 22, 25, 28, 31, 34: the page shows no options for this multiple-choice question: it "
                        + "is a draft until at least 2 options are added",
                "7 items, lines 22, 25, 28, 31, 34, 37, 40: the page gives no level; imported as beginner",
                "the page counts 3 concepts without naming them: name them before publishing",
                "the page counts 4 concepts without naming them: name them before publishing"),
                imported.path("warnings.message"));

        given().when().get("/decks/{id}", deckId).then().statusCode(200)
                .body("items.kind", contains("FLASHCARD", "FLASHCARD", "FLASHCARD", "FLASHCARD", "FLASHCARD",
                        "MULTIPLE_CHOICE", "MULTIPLE_CHOICE", "MULTIPLE_CHOICE", "MULTIPLE_CHOICE", "MULTIPLE_CHOICE",
                        "FREE_RESPONSE", "FREE_RESPONSE"))
                .body("items.findAll { it.kind == 'FLASHCARD' }.level",
                        contains("beginner", "beginner", "intermediate", "intermediate", "beginner"))
                .body("items.findAll { it.kind == 'MULTIPLE_CHOICE' }.options", everyItem(hasSize(0)))
                .body("items[5].explanation", equalTo("Containers keep the environment consistent, which is essential "
                        + "for reproducibility."))
                .body("items.findAll { it.kind == 'FREE_RESPONSE' }.collect { it.concepts.size() }", contains(3, 4))
                .body("items[10].hint", equalTo("Think about how to keep environment and data consistent."))
                .body("revision", equalTo(13));

        List<String> mcqs = given().when().get("/decks/{id}", deckId).then().extract()
                .path("items.findAll { it.kind == 'MULTIPLE_CHOICE' }.id");
        List<String> prompts = given().when().get("/decks/{id}", deckId).then().extract()
                .path("items.findAll { it.kind == 'FREE_RESPONSE' }.id");
        given().when().post("/decks/{id}/publish", deckId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("the deck cannot be published: 12 problems"))
                .body("errors.itemId", contains(mcqs.get(0), mcqs.get(1), mcqs.get(2), mcqs.get(3), mcqs.get(4),
                        prompts.get(0), prompts.get(0), prompts.get(0),
                        prompts.get(1), prompts.get(1), prompts.get(1), prompts.get(1)))
                .body("errors.field", contains("options", "options", "options", "options", "options",
                        "concepts[0]", "concepts[1]", "concepts[2]", "concepts[0]", "concepts[1]", "concepts[2]",
                        "concepts[3]"))
                .body("errors[0].message", equalTo("a multiple-choice item needs at least 2 options, it has 0"))
                .body("errors[5].message", equalTo("concept 1 has no name; name it or remove it"));
    }

    @Test
    void theGiftSampleImportsTenQuestionsAndTwoExplainPromptsWithNamedConceptsAndPublishes() {
        ExtractableResponse<Response> imported = importFile("gift", GIFT);
        String deckId = imported.path("deckId");
        assertEquals(12, (int) imported.path("itemCount"));
        assertEquals("reproducible-training-pipelines", imported.path("title"));
        assertEquals(List.of(), imported.path("warnings"));
        given().when().get("/decks/{id}", deckId).then().statusCode(200)
                .body("items.kind.unique()", contains("MULTIPLE_CHOICE", "FREE_RESPONSE"))
                .body("items.findAll { it.kind == 'MULTIPLE_CHOICE' }", hasSize(10))
                .body("items.level", contains("beginner", "beginner", "intermediate", "intermediate", "beginner",
                        "beginner", "beginner", "intermediate", "beginner", "intermediate", "intermediate",
                        "intermediate"))
                .body("items[0].options.id", contains("a", "b", "c", "d"))
                .body("items[0].options.correct", contains(true, false, false, false))
                .body("items[10].concepts", contains("environment consistency", "packaged dependencies",
                        "exact data retrieval"))
                .body("items[11].concepts", hasSize(4));
        given().when().post("/decks/{id}/publish", deckId)
                .then().statusCode(201).body("version", equalTo(1)).body("contentHash", startsWith("sha256:"));
        given().when().get("/decks/{id}/events", deckId).then().statusCode(200).body("sequence", hasSize(14))
                .body("type[0]", equalTo(EventTypes.DECK_CREATED)).body("type[13]", equalTo(EventTypes.DECK_PUBLISHED));
        List<ConsumerRecord<String, String>> records = TopicReader.awaitRecords(Topics.DECK_EVENTS,
                r -> deckId.equals(r.key()), 14, Duration.ofSeconds(30));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L),
                records.stream().map(r -> EventSchemas.parse(r.value()).sequence()).toList());
    }

    @Test
    void giftImportThenExportThenImportGivesTheSameDeck() {
        String first = importFile("gift", GIFT).path("deckId");
        String exported = given().when().get("/decks/{id}/export?format=gift", first)
                .then().statusCode(200).contentType("text/plain;charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"reproducible-training-pipelines.gift\"")
                .extract().asString();
        String second = importFile("gift", exported).path("deckId");
        String firstHash = given().post("/decks/{id}/publish", first).then().statusCode(201).extract()
                .path("contentHash");
        String secondHash = given().post("/decks/{id}/publish", second).then().statusCode(201).extract()
                .path("contentHash");
        JsonNode firstVersion = withoutItemIds(given().get("/decks/{id}/versions/1", first).asString());
        JsonNode secondVersion = withoutItemIds(given().get("/decks/{id}/versions/1", second).asString());
        // Item ids are unique to each deck and part of the published hash; everything else is equal.
        assertNotEquals(firstHash, secondHash);
        assertEquals(firstVersion, secondVersion);
        assertEquals(ContentHash.of(firstVersion), ContentHash.of(secondVersion));
        assertEquals(exported, given().get("/decks/{id}/export?format=gift", second).asString());
    }

    static JsonNode withoutItemIds(String snapshot) {
        try {
            ObjectNode version = (ObjectNode) Json.MAPPER.readTree(snapshot);
            ObjectNode content = Json.MAPPER.createObjectNode();
            content.set("title", version.get("title"));
            content.set("tags", version.get("tags"));
            content.set("items", version.get("items"));
            version.get("items").forEach(item -> ((ObjectNode) item).remove("id"));
            return content;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theAnkiSampleImportsFiveFlashcardsAndExportsBackAsTheSameFile() {
        ExtractableResponse<Response> imported = importFile("tsv", TSV);
        String deckId = imported.path("deckId");
        assertEquals("Reproducible training pipelines", imported.path("title"));
        given().when().get("/decks/{id}", deckId).then()
                .body("items.kind", everyItem(equalTo("FLASHCARD")))
                .body("items.level", contains("beginner", "beginner", "intermediate", "intermediate", "beginner"));
        given().when().get("/decks/{id}/export?format=tsv", deckId)
                .then().statusCode(200).contentType("text/tab-separated-values;charset=UTF-8")
                .header("Recall-Items-Left-Out", "0").body(equalTo(TSV));
    }

    @Test
    void aTitleGivenWithTheImportNamesTheDeckAndOctetStreamIsAccepted() {
        String deckId = given().contentType("application/octet-stream").body(GIFT.getBytes(StandardCharsets.UTF_8))
                .when().post("/decks/imports?format=GIFT&title=Pipelines 101")
                .then().statusCode(201).body("title", equalTo("Pipelines 101")).extract().path("deckId");
        given().when().get("/decks/{id}", deckId).then().body("title", equalTo("Pipelines 101"));
    }

    @Test
    void aBrokenFileAnswers422WithEveryProblemAndCreatesNothing() {
        long before = deckCount();
        given().contentType("text/plain").body("Good?{T}\n\nUnclosed {=a ~b\n\nHow many?{#three}\n")
                .when().post("/decks/imports?format=gift")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("the GIFT file cannot be imported: 2 problems; nothing was created"))
                .body("errors.line", contains(3, 5)).body("errors.column", contains(10, 12))
                .body("errors[0].message", equalTo("the answer block opened here is not closed with '}'"));
        given().contentType("text/plain").body("only one field\n").when().post("/decks/imports?format=tsv")
                .then().statusCode(422).body("errors[0].line", equalTo(1));
        given().contentType("text/plain").body("").when().post("/decks/imports?format=recall")
                .then().statusCode(422).body("errors[0].message",
                        equalTo("the page has no flashcards, questions or explain prompts"));
        given().contentType("application/octet-stream").body(new byte[] {'Q', '?', '{', 'T', '}', '\n', 'x', (byte) 0xE9})
                .when().post("/decks/imports?format=gift")
                .then().statusCode(422).body("errors[0].line", equalTo(2)).body("errors[0].column", equalTo(2))
                .body("errors[0].message", equalTo("the byte at offset 7 is not UTF-8; save the file as UTF-8 and import it again"));
        given().contentType("text/plain").body("Q?{T}").when().post("/decks/imports?format=docx")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("format must be one of recall, gift, tsv; got 'docx'"));
        given().contentType("text/plain").body("Q?{T}").when().post("/decks/imports")
                .then().statusCode(400).body("detail", equalTo("format must be one of recall, gift, tsv; add ?format=…"));
        assertEquals(before, deckCount());
    }

    @Test
    void exportsHaveTheirContentTypesAndRefuseWhatTheyCannotDo() {
        String deckId = importFile("gift", GIFT).path("deckId");
        given().when().get("/decks/{id}/export?format=json", deckId).then().statusCode(200)
                .contentType("application/json").body("items", hasSize(12))
                .body("title", equalTo("reproducible-training-pipelines"));
        given().when().get("/decks/{id}/export?format=tsv", deckId).then().statusCode(200)
                .header("Recall-Items-Left-Out", "12")
                .body(equalTo("#separator:tab\n#html:false\n#deck:reproducible-training-pipelines\n"
                        + "#columns:Front\tBack\tTags\n#tags column:3\n"));
        given().when().get("/decks/{id}/export?format=pdf", deckId).then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("format must be one of gift, tsv, json; got 'pdf'"));
        given().when().get("/decks/{id}/export?format=gift&version=1", deckId).then().statusCode(404)
                .body("detail", equalTo("deck " + deckId + " has no published version 1"));
        given().when().get("/decks/{id}/export?format=gift", "00000000-0000-4000-8000-000000000000")
                .then().statusCode(404);
        given().post("/decks/{id}/publish", deckId).then().statusCode(201);
        given().when().get("/decks/{id}/export?format=json&version=1", deckId).then().statusCode(200)
                .body("version", equalTo(1)).body("items", hasSize(12));
        given().when().get("/decks/{id}/export?format=gift&version=1", deckId).then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"reproducible-training-pipelines-v1.gift\"")
                .body(startsWith("$CATEGORY: reproducible-training-pipelines\n\n// [tag:beginner]\n::repro-definition::"));
    }

    @Test
    void theDeckListCountsItemsPerKindAndLevelAndPages() {
        String deckId = importFile("recall", PAGE).path("deckId");
        given().when().get("/decks?page=0&size=1").then().statusCode(200)
                .header("Link", containsString("rel=\"next\""))
                .body("", hasSize(1))
                .body("[0].id", equalTo(deckId))
                .body("[0].itemCount", equalTo(12))
                .body("[0].latestVersion", equalTo(null))
                .body("[0].itemsByKind", equalTo(Map.of("FLASHCARD", 5, "MULTIPLE_CHOICE", 5, "FREE_RESPONSE", 2,
                        "TRUE_FALSE", 0, "SHORT_ANSWER", 0, "NUMERIC", 0, "MATCHING", 0)))
                .body("[0].itemsByLevel", equalTo(Map.of("beginner", 10, "intermediate", 2, "advanced", 0)));
        long total = deckCount();
        given().when().get("/decks?page=" + (total - 1) + "&size=1").then().statusCode(200)
                .header("Link", containsString("rel=\"prev\"")).body("", hasSize(1));
        given().when().get("/decks?page=" + total + "&size=1").then().statusCode(200)
                .body("", equalTo(Collections.emptyList()));
        given().when().get("/decks?size=0").then().statusCode(400).contentType("application/problem+json");
    }
}
