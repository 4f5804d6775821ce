package dev.recall.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A fast, one-sided check compiled from one of our JSON Schemas. {@link #surelyValid} answers true only when
 * the event certainly passes the schema; false means "not sure", and the full validator then decides and
 * says what is wrong. The general validator walks a keyword graph and builds paths and messages for every
 * node (4-7 µs per answer event on the benchmark machine); this walks the tree once with plain comparisons
 * (0.8-1.1 µs).
 *
 * <p>It understands the keywords our schemas use: {@code type} (one or a list), {@code properties},
 * {@code required}, {@code additionalProperties}, {@code items}, string {@code const} and {@code enum},
 * {@code minLength}, {@code minimum}, {@code maximum}, {@code exclusiveMinimum}, and the formats
 * {@code uuid} and {@code date-time}. Annotations ({@code description}, {@code title}, ...) are ignored; any
 * other keyword makes its subschema "not sure". Where the general validator's rule has corners (an integer
 * written {@code 1.0}, a number equal to its bound, a date-time with a lower-case {@code t}, a leap second or a
 * far offset) this answers "not sure" rather than copy the rule. {@code QuickCheckTest} holds it to the
 * general validator on the golden events and thousands of mutations of them.
 */
final class QuickCheck {
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "title", "description",
            "examples", "default", "deprecated", "readOnly", "writeOnly");
    private static final Check NOT_SURE = node -> false;
    /** Each hex digit's value, -1 for the other characters below 'g'. */
    private static final int[] DIGITS = new int['g'];

    static {
        Arrays.fill(DIGITS, -1);
        for (char c = '0'; c <= '9'; c++) {
            DIGITS[c] = c - '0';
        }
        for (char c = 'a'; c <= 'f'; c++) {
            DIGITS[c] = c - 'a' + 10;
            DIGITS[c - 'a' + 'A'] = c - 'a' + 10;
        }
    }

    /** True only if {@code node} certainly satisfies the subschema. */
    @FunctionalInterface
    private interface Check {
        boolean ok(JsonNode node);
    }

    private final Check root;

    private QuickCheck(Check root) {
        this.root = root;
    }

    static QuickCheck compile(JsonNode schema) {
        return new QuickCheck(check(schema));
    }

    boolean surelyValid(JsonNode instance) {
        return root.ok(instance);
    }

    private static Check check(JsonNode schema) {
        if (schema.isBoolean()) {
            return schema.booleanValue() ? node -> true : NOT_SURE;
        }
        if (!schema.isObject()) {
            return NOT_SURE;
        }
        List<Check> checks = new ArrayList<>();
        Map<String, Check> properties = new LinkedHashMap<>();
        Check additional = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> keyword = it.next();
            JsonNode value = keyword.getValue();
            Check compiled = switch (keyword.getKey()) {
                case "type" -> type(value);
                case "required" -> required(value);
                case "properties" -> {
                    value.fields().forEachRemaining(p -> properties.put(p.getKey(), check(p.getValue())));
                    yield null;
                }
                case "additionalProperties" -> {
                    additional = check(value);
                    yield null;
                }
                case "items" -> {
                    Check item = check(value);
                    yield node -> !node.isArray() || every(node, item);
                }
                case "const" -> value.isTextual() ? strings(Set.of(value.textValue())) : NOT_SURE;
                case "enum" -> enumeration(value);
                case "minLength" -> value.canConvertToExactIntegral() ? minLength(value.intValue()) : NOT_SURE;
                case "minimum" -> bound(value, 1, true);
                case "maximum" -> bound(value, -1, true);
                case "exclusiveMinimum" -> bound(value, 1, false);
                case "format" -> format(value.asText());
                default -> ANNOTATIONS.contains(keyword.getKey()) ? null : NOT_SURE;
            };
            if (compiled != null) {
                checks.add(compiled);
            }
        }
        if (!properties.isEmpty() || additional != null) {
            checks.add(object(properties, additional));
        }
        return all(checks);
    }

    private static Check all(List<Check> checks) {
        if (checks.size() == 1) {
            return checks.get(0);
        }
        if (checks.size() == 2) {
            Check first = checks.get(0);
            Check second = checks.get(1);
            return node -> first.ok(node) && second.ok(node);
        }
        Check[] all = checks.toArray(Check[]::new);
        return node -> {
            for (Check c : all) {
                if (!c.ok(node)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static boolean every(JsonNode array, Check item) {
        for (JsonNode element : array) {
            if (!item.ok(element)) {
                return false;
            }
        }
        return true;
    }

    private static Check type(JsonNode value) {
        List<Check> any = new ArrayList<>();
        for (JsonNode name : value.isArray() ? value : List.of(value)) {
            any.add(switch (name.asText()) {
                case "object" -> JsonNode::isObject;
                case "array" -> JsonNode::isArray;
                case "string" -> JsonNode::isTextual;
                case "boolean" -> JsonNode::isBoolean;
                case "null" -> JsonNode::isNull;
                case "number" -> JsonNode::isNumber;
                case "integer" -> JsonNode::isIntegralNumber; // 1.0 is an integer too: not sure, the validator decides
                default -> NOT_SURE;
            });
        }
        if (any.size() == 1) {
            return any.get(0);
        }
        return node -> {
            for (Check c : any) {
                if (c.ok(node)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Check required(JsonNode names) {
        String[] all = new String[names.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = names.get(i).asText();
        }
        return node -> {
            if (!node.isObject()) {
                return true;
            }
            for (String name : all) {
                if (node.get(name) == null) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Check object(Map<String, Check> properties, Check additional) {
        return node -> {
            if (!node.isObject()) {
                return true;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                Check c = properties.get(field.getKey());
                if (c == null) {
                    c = additional;
                }
                if (c != null && !c.ok(field.getValue())) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Check enumeration(JsonNode values) {
        Set<String> texts = new HashSet<>();
        for (JsonNode value : values) {
            if (!value.isTextual()) {
                return NOT_SURE;
            }
            texts.add(value.textValue());
        }
        return strings(texts);
    }

    private static Check strings(Set<String> allowed) {
        return node -> node.isTextual() && allowed.contains(node.textValue());
    }

    private static Check minLength(int min) {
        return node -> !node.isTextual() || node.textValue().codePointCount(0, node.textValue().length()) >= min;
    }

    /**
     * {@code sign} 1 for a lower bound, -1 for an upper one. Only int and long values and finite doubles are
     * compared; a value equal to the bound is fine when the bound is inclusive and a whole
     * number, otherwise not sure (0.99 as a double is not the decimal 0.99).
     */
    private static Check bound(JsonNode limit, int sign, boolean inclusive) {
        if (!limit.isNumber()) {
            return NOT_SURE;
        }
        double bound = limit.doubleValue();
        boolean exact = limit.canConvertToExactIntegral();
        return node -> {
            if (!node.isNumber()) {
                return true;
            }
            double value;
            if (node.isInt() || node.isLong()) {
                value = node.longValue();
                if (Math.abs(value) > (1L << 52)) {
                    return false;
                }
            } else if (node.isDouble() && Double.isFinite(node.doubleValue())) {
                value = node.doubleValue();
            } else {
                return false;
            }
            int side = Double.compare(value, bound) * sign;
            return side > 0 || (side == 0 && inclusive && exact);
        };
    }

    private static Check format(String format) {
        return switch (format) {
            case "uuid" -> node -> !node.isTextual() || isUuid(node.textValue());
            case "date-time" -> node -> !node.isTextual() || isDateTime(node.textValue());
            default -> NOT_SURE;
        };
    }

    /** Exactly 8-4-4-4-12 hex digits. */
    static boolean isUuid(String text) {
        return uuid(text) != null;
    }

    /**
     * The uuid {@code text} spells as exactly 8-4-4-4-12 hex digits (what {@code UUID.fromString} then reads), or
     * null: checked and read in one pass.
     */
    static UUID uuid(String text) {
        if (text.length() != 36 || text.charAt(8) != '-' || text.charAt(13) != '-' || text.charAt(18) != '-'
                || text.charAt(23) != '-') {
            return null;
        }
        long a = hex(text, 0, 8);
        long b = hex(text, 9, 13);
        long c = hex(text, 14, 18);
        long d = hex(text, 19, 23);
        long e = hex(text, 24, 36);
        return (a | b | c | d | e) < 0 ? null : new UUID(a << 32 | b << 16 | c, d << 48 | e);
    }

    /** The hex digits from {@code from} to {@code to} (at most 15) as a number; negative when one is not a digit. */
    private static long hex(String text, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            int digit = c < DIGITS.length ? DIGITS[c] : -1;
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /**
     * The producers' shape as {@link InstantText} reads it, with a year from 0001 and an offset under 18 hours
     * (the general validator's corners beyond those are not copied here).
     */
    static boolean isDateTime(String text) {
        return dateTime(text) != null;
    }

    /** The instant {@code text} names when {@link #isDateTime}, as {@link InstantText} reads it; otherwise null. */
    static Instant dateTime(String text) {
        Instant instant = InstantText.parse(text);
        if (instant == null || text.startsWith("0000")) {
            return null;
        }
        int n = text.length();
        return text.charAt(n - 1) == 'Z' || (text.charAt(n - 5) - '0') * 10 + (text.charAt(n - 4) - '0') < 18
                ? instant : null;
    }
}
