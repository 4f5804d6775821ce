package dev.recall.quiz.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * The order of a session's items and of each item's options, derived from the session's seed so
 * that any machine, in any language, gets the same session: each element is ranked by the hex
 * SHA-256 of its key, "{seed}:{itemId}" for items and "{seed}:{itemId}:{optionId}" for options
 * (the seed in decimal, ids as written in the deck), ascending; ties (impossible in practice) keep
 * the deck's order.
 */
public final class SeededOrder {
    private SeededOrder() {
    }

    public static <T> List<T> shuffle(List<T> elements, Function<T, String> key) {
        return elements.stream().sorted(Comparator.comparing(element -> sha256(key.apply(element)))).toList();
    }

    public static String itemKey(long seed, Object itemId) {
        return seed + ":" + itemId;
    }

    public static String optionKey(long seed, Object itemId, String optionId) {
        return seed + ":" + itemId + ":" + optionId;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
