package dev.recall.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recall.contracts.deck.AcceptedAnswer;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.NumericAnswer;
import dev.recall.contracts.deck.TextFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventSchemasTest {

    static List<String> types() {
        return EventTypes.ALL;
    }

    static String golden(String type) throws IOException {
        try (InputStream in = EventSchemasTest.class.getResourceAsStream("/golden/" + type + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void everyGoldenEventSatisfiesItsSchema(String type) throws IOException {
        EventEnvelope event = EventSchemas.parse(golden(type));
        assertEquals(type, event.type());
        assertEquals(1, event.schemaVersion());
    }

    @ParameterizedTest
    @MethodSource("types")
    void goldenEventsSurviveARoundTripUnchanged(String type) throws IOException {
        JsonNode original = Json.MAPPER.readTree(golden(type));
        EventEnvelope event = EventSchemas.parse(golden(type));
        assertEquals(original, Json.MAPPER.readTree(event.toJson()));
    }

    @Test
    void itemsOfEveryKindReadAndWriteExactlyAsTheGoldenSnapshotPinsThem() throws IOException {
        JsonNode items = Json.MAPPER.readTree(golden(EventTypes.DECK_PUBLISHED)).path("data").path("items");
        List<Item> read = Json.MAPPER.convertValue(items, new TypeReference<List<Item>>() { });
        assertEquals(List.of(ItemKind.FLASHCARD, ItemKind.MULTIPLE_CHOICE, ItemKind.FREE_RESPONSE, ItemKind.TRUE_FALSE,
                ItemKind.SHORT_ANSWER, ItemKind.NUMERIC, ItemKind.MATCHING), read.stream().map(Item::kind).toList());
        assertEquals(items, Json.MAPPER.valueToTree(read));
        Item numeric = read.get(5);
        assertEquals(TextFormat.MARKDOWN, numeric.format());
        assertEquals(List.of(false, true, false), numeric.numericAnswers().stream().map(NumericAnswer::isRange).toList());
        assertEquals(List.of(100.0, 50.0, 0.0), numeric.numericAnswers().stream().map(NumericAnswer::creditPercent)
                .toList());
        assertTrue(numeric.numericAnswers().get(2).isOtherwise());
        assertEquals(List.of(100.0, 50.0), read.get(4).acceptedAnswers().stream().map(AcceptedAnswer::creditPercent)
                .toList());
    }

    @Test
    void aNegativeToleranceIsRejected() throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(golden(EventTypes.DECK_PUBLISHED));
        ((ObjectNode) event.path("data").path("items").get(5).path("numericAnswers").get(0)).put("tolerance", -1.0);
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventSchemas.parse(event.toString()));
        assertTrue(e.getMessage().contains("tolerance"), e.getMessage());
    }

    @Test
    void aDraftItemMayHoldValuesThatPublishingRefuses() throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(golden(EventTypes.DECK_ITEM_ADDED));
        ObjectNode item = (ObjectNode) event.path("data").path("item");
        item.put("kind", "NUMERIC");
        item.putArray("numericAnswers").addObject().put("value", 3.0).put("tolerance", -1.0).put("weight", 150.0);
        assertEquals(EventTypes.DECK_ITEM_ADDED, EventSchemas.parse(event.toString()).type());
    }

    @Test
    void anEventWithoutItsDataIsRejectedWithTheReason() throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(golden(EventTypes.ANSWER_RECORDED));
        event.remove("data");
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventSchemas.parse(event.toString()));
        assertTrue(e.getMessage().contains("data"), e.getMessage());
    }

    @Test
    void aScoreAboveOneIsRejected() throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(golden(EventTypes.ANSWER_RECORDED));
        ((ObjectNode) event.get("data")).put("score", 1.5);
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventSchemas.parse(event.toString()));
        assertTrue(e.getMessage().contains("score"), e.getMessage());
    }

    @Test
    void anEventIdThatIsNoUuidIsRejected() throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(golden(EventTypes.DECK_PUBLISHED));
        event.put("id", "not-a-uuid");
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventSchemas.parse(event.toString()));
        assertTrue(e.getMessage().contains("id"), e.getMessage());
    }

    @Test
    void unknownFieldsAreIgnored() throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(golden(EventTypes.DECK_CREATED));
        event.put("traceparent", "00-abc");
        ((ObjectNode) event.get("data")).put("colour", "blue");
        assertEquals(EventTypes.DECK_CREATED, EventSchemas.parse(event.toString()).type());
    }

    @Test
    void brokenJsonAndUnknownTypesAreRejected() {
        assertTrue(assertThrows(InvalidEventException.class, () -> EventSchemas.parse("{\"id\":"))
                .getMessage().startsWith("not JSON"));
        assertTrue(assertThrows(InvalidEventException.class, () -> EventSchemas.parse("{\"type\":\"recall.nope\"}"))
                .getMessage().contains("unknown event type 'recall.nope'"));
        assertTrue(assertThrows(InvalidEventException.class, () -> EventSchemas.parse(null))
                .getMessage().contains("tombstone"));
    }

    @Test
    void canonicalJsonSortsKeysAtEveryDepth() {
        var value = java.util.Map.of("b", 1, "a", java.util.Map.of("z", true, "y", List.of(java.util.Map.of("d", 1, "c", 2))));
        assertEquals("{\"a\":{\"y\":[{\"c\":2,\"d\":1}],\"z\":true},\"b\":1}", Json.canonical(value));
    }
}
