package dev.recall.contracts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import dev.recall.contracts.quiz.AnswerRecorded;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads an {@code AnswerRecorded} event from its bytes in one pass, checking the schema's rules on the parser's
 * tokens as {@link QuickCheck} checks them on a tree, and binding the record as it goes: no JSON tree, no
 * general validator, no data binding. A rebuild reads a million answers; this does in ~2 µs what
 * {@link EventSchemas#parse} and {@link EventEnvelope#dataAs} do in ~4.5 (BENCHMARKS.md).
 *
 * <p>It is one-sided, like the quick check: {@link #read} returns the event only when {@code EventSchemas.parse}
 * certainly accepts it (as the current schemaVersion of {@link EventTypes#ANSWER_RECORDED}, nothing to upcast),
 * with the id and {@code dataAs(AnswerRecorded.class)} that parse and binding give; null means "not sure" (another
 * type, an invalid event, or one of the corners named below), and the caller then takes the general path, which
 * decides and says what is wrong. Left to it: a known field twice, an integer written {@code 1.0} or out of the
 * field's Java range, numbers beyond 2^52 where a bound applies, the date-time corners of
 * {@link QuickCheck#isDateTime}, a null where the schema wants a value, and bytes that might not be UTF-8 JSON.
 * {@code AnswerRecordedReaderTest} holds it to the general path on the golden event of every kind and on each
 * single mutation of them.
 */
public final class AnswerRecordedReader {
    /** The event's id and its data, as {@code EventSchemas.parse(json)} and {@code dataAs} give them. */
    public record Answer(UUID eventId, AnswerRecorded data) {
    }

    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();
    private static final int CURRENT_VERSION = EventTypes.schemaVersion(EventTypes.ANSWER_RECORDED);
    private static final long EXACT = 1L << 52;
    /** The data's properties in the schema: the enums below are its own, never a copy that could drift from it. */
    private static final JsonNode PROPERTIES = EventSchemas.schemaJson(EventTypes.ANSWER_RECORDED).path("properties")
            .path("data").path("properties");
    /** The kinds and levels the schema allows and the binding knows, by their names on the wire. */
    private static final Map<String, ItemKind> KINDS = new HashMap<>();
    private static final Map<String, Level> LEVELS = new HashMap<>();
    private static final Set<String> RATINGS = allowed("rating");

    static {
        Set<String> kinds = allowed("kind");
        for (ItemKind kind : ItemKind.values()) {
            if (kinds.contains(kind.name())) {
                KINDS.put(kind.name(), kind);
            }
        }
        Set<String> levels = allowed("level");
        for (Level level : Level.values()) {
            if (levels.contains(level.wireName())) {
                LEVELS.put(level.wireName(), level);
            }
        }
    }

    /** The values the schema's enum of the data's {@code field} allows. */
    private static Set<String> allowed(String field) {
        Set<String> values = new HashSet<>();
        PROPERTIES.path(field).path("enum").forEach(value -> values.add(value.asText()));
        if (values.isEmpty()) {
            throw new IllegalStateException("the schema of " + EventTypes.ANSWER_RECORDED + " has no enum for data."
                    + field + "; AnswerRecordedReader reads it as one");
        }
        return Set.copyOf(values);
    }

    private AnswerRecordedReader() {
    }

    /** The event, or null when not sure (see the class comment): then {@code EventSchemas.parse} decides. */
    public static Answer read(byte[] json) {
        // Jackson guesses UTF-16 and UTF-32 from zero bytes among the first four; a record decoded as UTF-8 text,
        // as the general path reads it, must not be read in another encoding here.
        if (json == null || json.length < 2 || json[0] != '{' || json[1] == 0) {
            return null;
        }
        try (JsonParser parser = FACTORY.createParser(json)) {
            return envelope(parser);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Answer envelope(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        UUID id = null;
        boolean type = false;
        boolean source = false;
        boolean subject = false;
        boolean time = false;
        boolean version = false;
        boolean sequence = false;
        AnswerRecorded data = null;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "id" -> {
                    if (id != null || (id = uuid(parser)) == null) {
                        return null;
                    }
                }
                case "type" -> {
                    if (type || !EventTypes.ANSWER_RECORDED.equals(string(parser))) {
                        return null;
                    }
                    type = true;
                }
                case "source" -> {
                    if (source || !nonEmpty(string(parser))) {
                        return null;
                    }
                    source = true;
                }
                case "subject" -> {
                    if (subject || !nonEmpty(string(parser))) {
                        return null;
                    }
                    subject = true;
                }
                case "time" -> {
                    if (time || instant(parser) == null) {
                        return null;
                    }
                    time = true;
                }
                case "schemaVersion" -> {
                    if (version || integer(parser, Math.max(1, CURRENT_VERSION)) == null) {
                        return null;
                    }
                    version = true;
                }
                case "sequence" -> {
                    if (sequence || whole(parser, 1) == null) {
                        return null;
                    }
                    sequence = true;
                }
                case "data" -> {
                    if (data != null || (data = data(parser)) == null) {
                        return null;
                    }
                }
                default -> parser.skipChildren(); // the schema allows more, and the envelope ignores them
            }
        }
        if (token != JsonToken.END_OBJECT || parser.nextToken() != null || id == null || !type || !source || !subject
                || !time || !version || data == null) {
            return null;
        }
        return new Answer(id, data);
    }

    private static AnswerRecorded data(JsonParser parser) throws IOException {
        if (!parser.hasToken(JsonToken.START_OBJECT)) {
            return null;
        }
        UUID answerId = null;
        UUID sessionId = null;
        String learnerId = null;
        UUID deckId = null;
        Integer deckVersion = null;
        UUID itemId = null;
        ItemKind kind = null;
        Level level = null;
        Boolean correct = null;
        Double score = null;
        String rating = null;
        List<String> selected = null;
        List<String> conceptsCovered = null;
        Integer conceptsHit = null;
        Integer conceptsTotal = null;
        Instant answeredAt = null;
        Long latencyMs = null;
        String text = null;
        Double value = null;
        Map<String, String> pairs = null;
        // A second occurrence of a field finds it set and answers "not sure"; each value read is checked non-null.
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            boolean fresh = switch (name) {
                case "answerId" -> answerId == null && (answerId = uuid(parser)) != null;
                case "sessionId" -> sessionId == null && (sessionId = uuid(parser)) != null;
                case "learnerId" -> learnerId == null && nonEmpty(learnerId = string(parser));
                case "deckId" -> deckId == null && (deckId = uuid(parser)) != null;
                case "deckVersion" -> deckVersion == null && (deckVersion = integer(parser, 1)) != null;
                case "itemId" -> itemId == null && (itemId = uuid(parser)) != null;
                case "kind" -> kind == null && (kind = KINDS.get(string(parser))) != null;
                case "level" -> level == null && (level = LEVELS.get(string(parser))) != null;
                case "correct" -> correct == null && (correct = bool(parser)) != null;
                case "score" -> score == null && (score = number(parser, 0, 1)) != null;
                case "rating" -> rating == null && (rating = string(parser)) != null && RATINGS.contains(rating);
                case "selected" -> selected == null && (selected = strings(parser)) != null;
                case "conceptsCovered" -> conceptsCovered == null && (conceptsCovered = strings(parser)) != null;
                case "conceptsHit" -> conceptsHit == null && (conceptsHit = integer(parser, 0)) != null;
                case "conceptsTotal" -> conceptsTotal == null && (conceptsTotal = integer(parser, 0)) != null;
                case "answeredAt" -> answeredAt == null && (answeredAt = instant(parser)) != null;
                case "latencyMs" -> latencyMs == null && (latencyMs = whole(parser, 0)) != null;
                case "text" -> text == null && (text = string(parser)) != null;
                case "value" -> value == null && (value = number(parser, Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY)) != null;
                case "pairs" -> pairs == null && (pairs = pairs(parser)) != null;
                default -> {
                    parser.skipChildren(); // allowed by the schema, ignored by the binding
                    yield true;
                }
            };
            if (!fresh) {
                return null;
            }
        }
        if (!parser.hasToken(JsonToken.END_OBJECT) || answerId == null || sessionId == null || learnerId == null
                || deckId == null || deckVersion == null || itemId == null || kind == null || level == null
                || correct == null || score == null || answeredAt == null) {
            return null;
        }
        return new AnswerRecorded(answerId, sessionId, learnerId, deckId, deckVersion, itemId, kind, level, correct,
                score, rating, selected, conceptsCovered, conceptsHit, conceptsTotal, answeredAt, latencyMs, text, value,
                pairs);
    }

    private static String string(JsonParser parser) throws IOException {
        return parser.hasToken(JsonToken.VALUE_STRING) ? parser.getText() : null;
    }

    /** A string of at least one code point ({@code minLength: 1}). */
    private static boolean nonEmpty(String text) {
        return text != null && !text.isEmpty();
    }

    private static UUID uuid(JsonParser parser) throws IOException {
        String text = string(parser);
        return text == null ? null : QuickCheck.uuid(text);
    }

    /** The producers' date-time shape, read as {@link InstantText} reads it for the binding. */
    private static Instant instant(JsonParser parser) throws IOException {
        String text = string(parser);
        return text == null ? null : QuickCheck.dateTime(text);
    }

    private static Boolean bool(JsonParser parser) {
        return parser.hasToken(JsonToken.VALUE_TRUE) ? Boolean.TRUE
                : parser.hasToken(JsonToken.VALUE_FALSE) ? Boolean.FALSE : null;
    }

    /** An integer token that fits an int, at least {@code min}. */
    private static Integer integer(JsonParser parser, int min) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_NUMBER_INT) || parser.getNumberType() != JsonParser.NumberType.INT) {
            return null;
        }
        int value = parser.getIntValue();
        return value >= min ? value : null;
    }

    /** An integer token that fits a long, at least {@code min}, and within 2^52 as the quick check's bounds. */
    private static Long whole(JsonParser parser, long min) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_NUMBER_INT) || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return null;
        }
        long value = parser.getLongValue();
        return value >= min && Math.abs(value) <= EXACT ? value : null;
    }

    /**
     * A number as the tree holds it (an int or long, or a finite double), within whole-number bounds inclusive,
     * as the quick check compares it.
     */
    private static Double number(JsonParser parser, double min, double max) throws IOException {
        double value;
        if (parser.hasToken(JsonToken.VALUE_NUMBER_INT)) {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                return null;
            }
            long whole = parser.getLongValue();
            if (Math.abs(whole) > EXACT) {
                return null;
            }
            value = whole;
        } else if (parser.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
            value = parser.getDoubleValue();
            if (!Double.isFinite(value)) {
                return null;
            }
        } else {
            return null;
        }
        // Double.compare, as the quick check: -0.0 is below 0 there, and left to the general validator
        return Double.compare(value, min) >= 0 && Double.compare(value, max) <= 0 ? value : null;
    }

    private static List<String> strings(JsonParser parser) throws IOException {
        if (!parser.hasToken(JsonToken.START_ARRAY)) {
            return null;
        }
        List<String> values = new ArrayList<>();
        while (parser.nextToken() == JsonToken.VALUE_STRING) {
            values.add(parser.getText());
        }
        return parser.hasToken(JsonToken.END_ARRAY) ? values : null;
    }

    private static Map<String, String> pairs(JsonParser parser) throws IOException {
        if (!parser.hasToken(JsonToken.START_OBJECT)) {
            return null;
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            if (parser.nextToken() != JsonToken.VALUE_STRING || pairs.put(key, parser.getText()) != null) {
                return null;
            }
        }
        return parser.hasToken(JsonToken.END_OBJECT) ? pairs : null;
    }
}
