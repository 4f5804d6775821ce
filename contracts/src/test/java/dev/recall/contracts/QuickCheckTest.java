package dev.recall.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The quick check may only ever vouch for what the general validator accepts: it is held to it on every
 * golden event and on each single mutation of them (a field removed, added, or replaced by one of ~80
 * values chosen for the corners of types, bounds, enums and formats). It must also vouch for what the
 * services really emit, or it would save nothing.
 */
class QuickCheckTest {
    private static final List<String> DATE_TIMES = List.of("2026-11-27T09:30:00Z", "2026-11-27T09:30:00.1Z",
            "2026-11-27T09:30:00.123456789Z", "2026-11-27T09:30:00.1234567891Z", "2026-11-27t09:30:00z",
            "2026-11-27T09:30:00+01:00", "2026-11-27T09:30:00-05:30", "2026-11-27T09:30:00+17:59",
            "2026-11-27T09:30:00+18:00", "2026-11-27T09:30:00-18:00", "2026-11-27T09:30:00+18:30",
            "2026-11-27T09:30:00+19:00", "2026-11-27T09:30:00+01:60", "2026-02-29T00:00:00Z",
            "2024-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-27T24:00:00Z", "2026-12-31T23:59:60Z",
            "2026-11-27T23:59:60Z", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
            "2026-11-27 09:30:00Z", "2026-11-27T09:30Z", "2026-11-27T09:30:00", "2026-11-27T09:30:00Z\n",
            " 2026-11-27T09:30:00Z", "2026-11-27T09:30:00.Z", "2026-11-27T09:30:00+0100", "+12026-11-27T09:30:00Z",
            "2026-1-27T09:30:00Z", "2026-11-27T09:30:00\u0660Z");
    private static final List<String> UUIDS = List.of("8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
            "8A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D", "8a1B2c3D-4e5f-4A6b-8c7d-9E0f1a2b3c4d",
            "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
            "8a1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d", "8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4", "8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4dd",
            "{8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d}", "8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\n",
            "8a1b2c3g-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "urn:uuid:8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
            "8a1b2c3d_4e5f-4a6b-8c7d-9e0f1a2b3c4d", "8a1b2c3-d4e5f-4a6b-8c7d-9e0f1a2b3c4d", "8a1b-2c3d4e5f-4a6b-8c7d-9e0f1a2b3c4d",
            "8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4\u0661");

    static List<JsonNode> battery() throws IOException {
        List<JsonNode> values = new ArrayList<>();
        for (String json : List.of("null", "true", "false", "0", "-1", "1", "2", "3", "1.0", "0.0", "-0.0", "0.5",
                "1.5", "0.7", "0.99", "0.9900000000000001", "0.69", "1e-300", "1e300", "-1e300", "9007199254740993",
                "99999999999999999999999", "-99999999999999999999999", "2147483648", "\"\"", "\"x\"", "\"\u00e9\"",
                "\"\ud83d\ude42\"", "\" \"", "[]", "[\"a\"]", "[1]", "[null]", "[\"a\", 2]", "{}", "{\"a\": \"b\"}",
                "{\"a\": 1}", "{\"a\": null}")) {
            values.add(Json.MAPPER.readTree(json));
        }
        values.add(Json.MAPPER.getNodeFactory().numberNode(new BigInteger("3")));
        values.add(Json.MAPPER.getNodeFactory().numberNode(new java.math.BigDecimal("1")));
        values.add(Json.MAPPER.getNodeFactory().numberNode(Float.valueOf(0.5f)));
        for (String text : EventTypes.ALL) {
            values.add(Json.MAPPER.getNodeFactory().textNode(text));
        }
        for (String text : List.of("FLASHCARD", "flashcard", "MATCHING", "beginner", "BEGINNER", "advanced", "GOOD",
                "EASY", "good", "MARKDOWN", "PLAIN", "quiz-service")) {
            values.add(Json.MAPPER.getNodeFactory().textNode(text));
        }
        DATE_TIMES.forEach(text -> values.add(Json.MAPPER.getNodeFactory().textNode(text)));
        UUIDS.forEach(text -> values.add(Json.MAPPER.getNodeFactory().textNode(text)));
        return values;
    }

    @Test
    void vouchesForEveryGoldenEventExceptTheOneWithAPattern() throws IOException {
        List<String> vouched = new ArrayList<>();
        for (String type : EventTypes.ALL) {
            JsonNode golden = Json.MAPPER.readTree(EventSchemasTest.golden(type));
            assertEquals(List.of(), EventSchemas.generalProblems(golden));
            if (EventSchemas.quicklyValid(golden)) {
                vouched.add(type);
            }
        }
        List<String> expected = new ArrayList<>(EventTypes.ALL);
        expected.remove(EventTypes.DECK_PUBLISHED); // its contentHash has a "pattern", which the quick check leaves alone
        assertEquals(expected, vouched);
    }

    @Test
    void neverVouchesForAnEventTheGeneralValidatorRefuses() throws IOException {
        List<JsonNode> battery = battery();
        List<String> wrong = new ArrayList<>();
        int[] counts = new int[3]; // mutants, refused by the validator, vouched for by the quick check
        for (String type : EventTypes.ALL) {
            ObjectNode golden = (ObjectNode) Json.MAPPER.readTree(EventSchemasTest.golden(type));
            mutants(golden, battery, mutant -> {
                counts[0]++;
                boolean refused = !EventSchemas.generalProblems(mutant).isEmpty();
                boolean vouched = EventSchemas.quicklyValid(mutant);
                counts[1] += refused ? 1 : 0;
                counts[2] += vouched ? 1 : 0;
                if (refused && vouched) {
                    wrong.add(mutant.toString());
                }
            });
        }
        assertEquals(List.of(), wrong);
        // These move with the golden events and the battery. Of the 7,157 mutants the validator accepts, the
        // quick check leaves 3,767 to it: all of deck.published's, and the corners its javadoc names.
        assertEquals(List.of(30_214, 23_057, 3_390), List.of(counts[0], counts[1], counts[2]));
    }

    @Test
    void vouchesForWhatTheServicesEmit() throws IOException {
        Random random = new Random(20261127);
        ObjectNode golden = (ObjectNode) Json.MAPPER.readTree(EventSchemasTest.golden(EventTypes.ANSWER_RECORDED));
        for (int i = 0; i < 2_000; i++) {
            ObjectNode event = golden.deepCopy();
            ObjectNode data = (ObjectNode) event.get("data");
            event.put("id", UUID.randomUUID().toString());
            Instant at = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000_000))
                    .truncatedTo(List.of(ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS, ChronoUnit.NANOS)
                            .get(random.nextInt(4)));
            event.put("time", at.toString());
            data.put("answeredAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    at.atOffset(ZoneOffset.ofHoursMinutes(random.nextInt(15) - 7, 0))));
            data.put("answerId", UUID.randomUUID().toString());
            data.put("score", random.nextInt(4) == 0 ? random.nextInt(2) : random.nextDouble());
            data.put("latencyMs", random.nextInt(100_000));
            assertTrue(EventSchemas.quicklyValid(event), event::toString);
        }
    }

    @Test
    void leavesTheGeneralValidatorsCornersToIt() throws IOException {
        ObjectNode golden = (ObjectNode) Json.MAPPER.readTree(EventSchemasTest.golden(EventTypes.ANSWER_RECORDED));
        for (Consumer<ObjectNode> corner : List.<Consumer<ObjectNode>>of(
                e -> ((ObjectNode) e.get("data")).put("deckVersion", 1.0), // an integer written as 1.0
                e -> e.put("time", "2026-11-27t09:30:00z"),
                e -> e.put("id", "8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\n"))) {
            ObjectNode event = golden.deepCopy();
            corner.accept(event);
            assertFalse(EventSchemas.quicklyValid(event), event::toString);
        }
        ObjectNode event = golden.deepCopy();
        ((ObjectNode) event.get("data")).put("deckVersion", 1.0);
        assertEquals(List.of(), EventSchemas.problems(event)); // the validator still accepts it
    }

    /** Each single mutation of {@code root}: every field removed or replaced, an extra field in every object. */
    static void mutants(ObjectNode root, List<JsonNode> battery, Consumer<JsonNode> sink) {
        List<List<Object>> paths = new ArrayList<>();
        collect(root, new ArrayList<>(), paths);
        for (List<Object> path : paths) {
            JsonNode target = at(root, path);
            if (target.isObject()) {
                for (JsonNode value : List.of(Json.MAPPER.getNodeFactory().textNode("x"),
                        Json.MAPPER.getNodeFactory().numberNode(1))) {
                    JsonNode copy = root.deepCopy();
                    ((ObjectNode) at(copy, path)).set("extraField", value);
                    sink.accept(copy);
                }
            }
            if (path.isEmpty()) {
                continue;
            }
            List<Object> parentPath = path.subList(0, path.size() - 1);
            Object last = path.get(path.size() - 1);
            JsonNode removed = root.deepCopy();
            JsonNode parent = at(removed, parentPath);
            if (parent instanceof ObjectNode object) {
                object.remove((String) last);
            } else {
                ((ArrayNode) parent).remove((Integer) last);
            }
            sink.accept(removed);
            for (JsonNode value : battery) {
                JsonNode copy = root.deepCopy();
                JsonNode into = at(copy, parentPath);
                if (into instanceof ObjectNode object) {
                    object.set((String) last, value.deepCopy());
                } else {
                    ((ArrayNode) into).set((Integer) last, value.deepCopy());
                }
                sink.accept(copy);
            }
        }
    }

    private static void collect(JsonNode node, List<Object> path, List<List<Object>> paths) {
        paths.add(List.copyOf(path));
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String name = names.next();
                path.add(name);
                collect(node.get(name), path, paths);
                path.remove(path.size() - 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                collect(node.get(i), path, paths);
                path.remove(path.size() - 1);
            }
        }
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = step instanceof String name ? node.get(name) : node.get((Integer) step);
        }
        return node;
    }
}
