package dev.recall.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import dev.recall.contracts.quiz.AnswerRecorded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The one-pass reader may only return what the general path gives ({@code EventSchemas.parse}, then
 * {@code dataAs(AnswerRecorded.class)}), and only for events that path accepts: it is held to it on the golden
 * answer, on one that carries every optional field, on each single mutation of both (QuickCheckTest's), and on
 * byte-level corners. It must also read what quiz-service emits, or a rebuild would gain nothing.
 */
class AnswerRecordedReaderTest {
    /** The general path's result for {@code json}: the answer, or null where it refuses the event or its data. */
    private static AnswerRecordedReader.Answer general(String json) {
        EventEnvelope event;
        try {
            event = EventSchemas.parse(json);
        } catch (InvalidEventException e) {
            return null;
        }
        if (!EventTypes.ANSWER_RECORDED.equals(event.type())) {
            return null;
        }
        try {
            return new AnswerRecordedReader.Answer(event.id(), event.dataAs(AnswerRecorded.class));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static AnswerRecordedReader.Answer read(String json) {
        return AnswerRecordedReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The golden answer with every optional field the schema knows, and a sequence. */
    private static ObjectNode everyField() throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(EventSchemasTest.golden(EventTypes.ANSWER_RECORDED));
        event.put("sequence", 3);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("rating", "GOOD");
        data.putArray("selected").add("b").add("d");
        data.put("text", "seeds and environment");
        data.put("value", 2.5);
        data.putObject("pairs").put("left", "right").put("up", "down");
        return event;
    }

    @Test
    void readsTheGoldenAnswersAsTheGeneralPathDoes() throws IOException {
        for (String json : List.of(EventSchemasTest.golden(EventTypes.ANSWER_RECORDED), everyField().toString())) {
            AnswerRecordedReader.Answer expected = general(json);
            assertNotNull(expected);
            assertEquals(expected, read(json));
        }
    }

    @Test
    void neverReadsWhatTheGeneralPathRefusesOrReadsOtherwise() throws IOException {
        List<JsonNode> battery = QuickCheckTest.battery();
        List<String> wrong = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        int[] counts = new int[3]; // mutants, accepted by the general path, read here
        for (ObjectNode root : List.of((ObjectNode) Json.MAPPER.readTree(EventSchemasTest.golden(
                EventTypes.ANSWER_RECORDED)), everyField())) {
            QuickCheckTest.mutants(root, battery, mutant -> {
                String json = mutant.toString();
                AnswerRecordedReader.Answer expected = general(json);
                AnswerRecordedReader.Answer fast = read(json);
                counts[0]++;
                counts[1] += expected == null ? 0 : 1;
                counts[2] += fast == null ? 0 : 1;
                if (fast != null && !fast.equals(expected)) {
                    wrong.add(json);
                }
                // What the quick check vouches for and the binding reads, this reads too.
                if (fast == null && expected != null && EventSchemas.quicklyValid(mutant)) {
                    missed.add(json);
                }
            });
        }
        assertEquals(List.of(), wrong);
        // Missed only in the corners its javadoc names: a schemaVersion beyond int, a value beyond 2^52.
        List<String> corners = missed.stream().filter(json -> json.contains("\"schemaVersion\":2147483648,")
                || json.matches(".*\"value\":-?[0-9]{16,},.*")).toList();
        assertEquals(missed, corners);
        assertEquals(5, corners.size());
        // These move with the golden events and the battery.
        assertEquals(List.of(6_506, 1_430, 1_369), List.of(counts[0], counts[1], counts[2]));
    }

    @Test
    void leavesByteLevelCornersToTheGeneralPath() throws IOException {
        String golden = EventSchemasTest.golden(EventTypes.ANSWER_RECORDED);
        List<String> corners = List.of(
                golden.replace("\"source\": \"quiz-service\",", "\"source\": \"quiz-service\", \"source\": \"x\","),
                golden.replace("\"deckVersion\": 1,", "\"deckVersion\": 1, \"deckVersion\": 2,"),
                golden.replace("\"learnerId\": \"learner-7\",", "\"learnerId\": \"learner-7\", \"learnerId\": \"b\","),
                everyField().toString().replace("\"up\":\"down\"", "\"up\":\"down\",\"left\":\"again\""),
                golden + " {}", golden + " x", "\uFEFF" + golden, " " + golden, "{/* */" + golden.substring(1),
                golden.replace("\"learner-7\",\n    \"deckId\"", "\"learner-7\",,\n    \"deckId\""),
                golden.substring(0, golden.length() - 3), "{", "{}", "null", "");
        for (String json : corners) {
            assertNull(read(json), json);
        }
        // The general path takes a duplicate's last value: reading it here would be a guess.
        assertEquals(2, general(corners.get(1)).data().deckVersion());
        assertNull(AnswerRecordedReader.read(null));
        byte[] utf16 = golden.getBytes(StandardCharsets.UTF_16LE);
        assertNull(AnswerRecordedReader.read(utf16));
        byte[] badUtf8 = golden.replace("learner-7", "learner-\u00e9").getBytes(StandardCharsets.UTF_8);
        badUtf8[golden.indexOf("learner-7") + "learner-".length() + 1] = (byte) 0x41; // a lead byte without its tail
        assertNull(AnswerRecordedReader.read(badUtf8));
        // Trailing white space, escapes and characters beyond ASCII are read as the general path reads them.
        for (String json : List.of(golden + "\n\n", golden.replace("learner-7", "l\\u00e9arner \\\"7\\\" \ud83d\ude42"))) {
            assertNotNull(general(json));
            assertEquals(general(json), read(json), json);
        }
    }

    @Test
    void readsWhatQuizServiceEmits() {
        Random random = new Random(20261206);
        for (int i = 0; i < 2_000; i++) {
            ItemKind kind = ItemKind.values()[random.nextInt(ItemKind.values().length)];
            boolean correct = random.nextBoolean();
            Instant at = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000_000))
                    .truncatedTo(List.of(ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS, ChronoUnit.NANOS)
                            .get(random.nextInt(4)));
            double score = kind == ItemKind.FREE_RESPONSE || kind == ItemKind.MATCHING ? random.nextInt(4) / 3.0
                    : correct ? 1 : 0;
            AnswerRecorded answer = new AnswerRecorded(UUID.randomUUID(), UUID.randomUUID(), "learner-" + random.nextInt(
                    10_000), UUID.randomUUID(), 1 + random.nextInt(5), UUID.randomUUID(), kind,
                    Level.values()[random.nextInt(3)], correct, score,
                    kind == ItemKind.FLASHCARD ? List.of("AGAIN", "HARD", "GOOD", "EASY").get(random.nextInt(4)) : null,
                    kind == ItemKind.MULTIPLE_CHOICE || kind == ItemKind.TRUE_FALSE ? List.of("o" + random.nextInt(4))
                            : null,
                    kind == ItemKind.FREE_RESPONSE ? List.of("seeds", "environment").subList(0, random.nextInt(3)) : null,
                    kind == ItemKind.FREE_RESPONSE ? random.nextInt(3) : null, kind == ItemKind.FREE_RESPONSE ? 3 : null,
                    at, random.nextBoolean() ? (long) random.nextInt(100_000) : null,
                    kind == ItemKind.SHORT_ANSWER || kind == ItemKind.FREE_RESPONSE ? "answer " + random.nextInt() : null,
                    kind == ItemKind.NUMERIC ? random.nextGaussian() * 1e6 : null,
                    kind == ItemKind.MATCHING ? Map.of("a", "1", "b", "2") : null);
            EventEnvelope event = EventEnvelope.of(EventTypes.ANSWER_RECORDED, "quiz-service", answer.learnerId(), at,
                    random.nextBoolean() ? (long) (1 + random.nextInt(1_000)) : null, answer);
            String json = EventSchemas.requireValidJson(event);
            AnswerRecordedReader.Answer fast = read(json);
            assertEquals(new AnswerRecordedReader.Answer(event.id(), answer), fast, json);
            assertEquals(general(json), fast, json);
        }
    }
}
