package dev.recall.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Validates events against the JSON Schemas in {@code /schemas}: producers check what they emit,
 * consumers check what they receive before applying it.
 */
public final class EventSchemas {
    private static final Map<String, Schema> SCHEMAS = load();

    /**
     * The schema as read, the general validator, which says what is wrong, and the quick check that vouches for
     * most events.
     */
    private record Schema(JsonNode json, JsonSchema full, QuickCheck quick) {
    }

    private EventSchemas() {
    }

    private static Map<String, Schema> load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return EventTypes.ALL.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), type -> {
            try (InputStream in = EventSchemas.class.getResourceAsStream(schemaPath(type))) {
                if (in == null) {
                    throw new IllegalStateException("no schema on the classpath at " + schemaPath(type));
                }
                JsonNode schema = Json.MAPPER.readTree(in);
                return new Schema(schema, factory.getSchema(schema, config), QuickCheck.compile(schema));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    public static String schemaPath(String type) {
        return "/schemas/" + type + ".json";
    }

    /**
     * The schema of {@code type} as read from {@link #schemaPath}, for readers that take rules from it rather than
     * a copy of them; not to be changed.
     */
    static JsonNode schemaJson(String type) {
        return SCHEMAS.get(type).json();
    }

    /**
     * Every way in which {@code json} is not a valid Recall event; empty when it is one. The schema's
     * {@link QuickCheck} answers for most valid events; the general validator for the rest and for every
     * invalid one, so the messages are always its own.
     */
    public static List<String> problems(JsonNode json) {
        return quicklyValid(json) ? List.of() : generalProblems(json);
    }

    /** {@link #problems} as the general validator alone finds them. */
    static List<String> generalProblems(JsonNode json) {
        Schema schema = schema(json);
        if (schema == null) {
            JsonNode type = json.get("type");
            return type == null || !type.isTextual()
                    ? List.of("$.type: missing; every event needs one of " + EventTypes.ALL)
                    : List.of("$.type: unknown event type '" + type.asText() + "'; known are " + EventTypes.ALL);
        }
        return schema.full().validate(json).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Whether the quick check alone vouches for {@code json}. */
    static boolean quicklyValid(JsonNode json) {
        Schema schema = schema(json);
        return schema != null && schema.quick().surelyValid(json);
    }

    private static Schema schema(JsonNode json) {
        JsonNode type = json.get("type");
        return type == null || !type.isTextual() ? null : SCHEMAS.get(type.textValue());
    }

    /**
     * Reads and validates one event as it arrives on a topic; an older schemaVersion is first upcast to
     * the current one ({@link Upcasters}), so what is validated and returned always has the current shape.
     */
    public static EventEnvelope parse(String json) {
        if (json == null) {
            throw new InvalidEventException("the record has no value (tombstone); Recall events are never null");
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException("not a JSON object");
        }
        Upcasters.upcast((ObjectNode) tree);
        List<String> problems = problems(tree);
        if (!problems.isEmpty()) {
            throw new InvalidEventException("fails schema " + schemaPath(tree.path("type").asText()) + ": "
                    + String.join("; ", problems));
        }
        return envelope(tree);
    }

    /**
     * The envelope of a tree that passed its schema, built from the tree's own nodes: {@code data} is the
     * subtree itself, not a copy (a generic tree-to-record mapping would copy it once more per event).
     */
    private static EventEnvelope envelope(JsonNode tree) {
        try {
            JsonNode sequence = tree.get("sequence");
            return new EventEnvelope(UUID.fromString(tree.get("id").asText()), tree.get("type").asText(),
                    text(tree.get("source")), text(tree.get("subject")),
                    Json.MAPPER.treeToValue(tree.get("time"), Instant.class), tree.get("schemaVersion").asInt(),
                    sequence == null || sequence.isNull() ? null : sequence.asLong(), tree.get("data"));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new InvalidEventException("unreadable envelope: " + e.getMessage());
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /** Producers call this before an event leaves: an invalid event is a bug, never sent. */
    public static void requireValid(EventEnvelope event) {
        requireValid(event, Json.MAPPER.valueToTree(event));
    }

    /**
     * {@link #requireValid(EventEnvelope)} and {@link EventEnvelope#toJson()} in one: the envelope is turned
     * into a tree once, validated, and that tree is written (the same JSON as {@code toJson()}).
     */
    public static String requireValidJson(EventEnvelope event) {
        JsonNode tree = Json.MAPPER.valueToTree(event);
        requireValid(event, tree);
        return Json.write(tree);
    }

    private static void requireValid(EventEnvelope event, JsonNode tree) {
        List<String> problems = problems(tree);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to emit invalid " + event.type() + ": " + problems);
        }
    }
}
