package dev.recall.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recall.contracts.deck.AcceptedAnswer;
import dev.recall.contracts.deck.DeckPublished;
import dev.recall.contracts.deck.DeckSettings;
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
        assertEquals(EventTypes.schemaVersion(type), event.schemaVersion());
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
    void aVersion1DeckSnapshotIsUpcastToVersion2WithTheDefaultSettings() throws IOException {
        String v1 = new String(EventSchemasTest.class.getResourceAsStream("/golden/v1/recall.deck.published.json")
                .readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, Json.MAPPER.readTree(v1).path("schemaVersion").asInt());
        EventEnvelope event = EventSchemas.parse(v1);
        assertEquals(2, event.schemaVersion());
        DeckPublished deck = event.dataAs(DeckPublished.class);
        assertEquals(new DeckSettings(0.9), deck.settings());
        // Apart from the version and the settings it fills in, the upcast event is the version 2 golden one.
        ObjectNode expected = (ObjectNode) Json.MAPPER.readTree(golden(EventTypes.DECK_PUBLISHED));
        ((ObjectNode) expected.get("data")).putObject("settings").put("desiredRetention", 0.9);
        assertEquals(expected, Json.MAPPER.readTree(event.toJson()));
    }

    @Test
    void aVersion2SnapshotWithoutSettingsIsRejectedNotUpcast() throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(golden(EventTypes.DECK_PUBLISHED));
        ((ObjectNode) event.get("data")).remove("settings");
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventSchemas.parse(event.toString()));
        assertTrue(e.getMessage().contains("settings"), e.getMessage());
    }

    @Test
    void aNewerVersionIsReadByIgnoringWhatItAdds() throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(golden(EventTypes.DECK_PUBLISHED));
        event.put("schemaVersion", 3);
        ((ObjectNode) event.get("data").get("settings")).put("maximumIntervalDays", 365);
        EventEnvelope read = EventSchemas.parse(event.toString());
        assertEquals(3, read.schemaVersion());
        assertEquals(new DeckSettings(0.85), read.dataAs(DeckPublished.class).settings());
    }

    @Test
    void aDesiredRetentionOutsideItsRangeIsRejected() throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(golden(EventTypes.DECK_SETTINGS_CHANGED));
        ((ObjectNode) event.get("data").get("settings")).put("desiredRetention", 1.5);
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventSchemas.parse(event.toString()));
        assertTrue(e.getMessage().contains("desiredRetention"), e.getMessage());
        assertEquals(null, DeckSettings.problem(0.7));
        assertEquals(null, DeckSettings.problem(0.99));
        assertTrue(DeckSettings.problem(0.995).startsWith("desiredRetention must be a number from 0.7 to 0.99"));
        assertTrue(DeckSettings.problem(null) != null);
    }

    @Test
    void everyTypeIsEmittedAtTheVersionItsUpcastersReach() {
        for (String type : EventTypes.ALL) {
            EventEnvelope event = EventEnvelope.of(type, "test", "s", java.time.Instant.EPOCH, null, java.util.Map.of());
            assertEquals(EventTypes.schemaVersion(type), event.schemaVersion(), type);
        }
        ObjectNode v1 = Json.MAPPER.createObjectNode().put("type", EventTypes.DECK_PUBLISHED).put("schemaVersion", 1);
        v1.putObject("data");
        assertTrue(Upcasters.upcast(v1));
        assertEquals(2, v1.get("schemaVersion").asInt());
        assertEquals(0.9, v1.at("/data/settings/desiredRetention").asDouble());
        ObjectNode answer = Json.MAPPER.createObjectNode().put("type", EventTypes.ANSWER_RECORDED)
                .put("schemaVersion", 1);
        answer.putObject("data");
        assertEquals(false, Upcasters.upcast(answer));
    }

    @Test
    void canonicalJsonSortsKeysAtEveryDepth() {
        var value = java.util.Map.of("b", 1, "a", java.util.Map.of("z", true, "y", List.of(java.util.Map.of("d", 1, "c", 2))));
        assertEquals("{\"a\":{\"y\":[{\"c\":2,\"d\":1}],\"z\":true},\"b\":1}", Json.canonical(value));
    }
}
