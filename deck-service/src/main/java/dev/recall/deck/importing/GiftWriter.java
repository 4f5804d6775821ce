package dev.recall.deck.importing;

import dev.recall.contracts.deck.AcceptedAnswer;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.MatchPair;
import dev.recall.contracts.deck.NumericAnswer;
import dev.recall.contracts.deck.Option;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a deck as GIFT that {@link GiftParser} reads back to the same items (ids aside) and
 * that Moodle imports: levels and tags as {@code [tag:…]}, Recall's extras in comments
 * ({@code [concepts: …]}, {@code [kind:…]}), an essay's hint and model answer in its general feedback.
 */
public final class GiftWriter {
    private GiftWriter() {
    }

    public static String write(String title, List<Item> items) {
        StringBuilder gift = new StringBuilder();
        if (title != null && !title.isBlank()) {
            // Moodle reads "//" in a category path as a slash inside a name.
            gift.append("$CATEGORY: ").append(title.strip().replace("\n", " ").replace("/", "//")).append("\n\n");
        }
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                gift.append('\n');
            }
            item(gift, items.get(i));
        }
        return gift.toString();
    }

    private static void item(StringBuilder gift, Item item) {
        comment(gift, item);
        String text = switch (item.kind()) {
            case FLASHCARD -> item.front();
            case FREE_RESPONSE -> item.prompt();
            default -> item.stem();
        };
        String body = escape(text == null ? "" : text);
        if (item.title() != null) {
            gift.append("::").append(escape(item.title())).append("::");
        } else if (body.startsWith("//") || body.startsWith("$CATEGORY")) {
            // An empty title keeps such text from reading as a comment or a category.
            gift.append("::::");
        }
        if (item.format() != null) {
            gift.append('[').append(item.format().wireName()).append(']');
        }
        gift.append(body);
        switch (item.kind()) {
            case FLASHCARD -> gift.append('{').append(generalFeedback(item.back())).append("}\n");
            case FREE_RESPONSE -> gift.append('{').append(generalFeedback(essayFeedback(item.hint(),
                    item.modelAnswer()))).append("}\n");
            case TRUE_FALSE -> trueFalse(gift, item);
            case MULTIPLE_CHOICE -> multipleChoice(gift, item);
            case SHORT_ANSWER -> {
                gift.append("{\n");
                for (AcceptedAnswer answer : list(item.acceptedAnswers())) {
                    gift.append("\t=").append(weight(answer.weight())).append(escape(answer.text()))
                            .append(feedback(answer.feedback())).append('\n');
                }
                closeBlock(gift, item);
            }
            case NUMERIC -> numeric(gift, item);
            case MATCHING -> {
                gift.append("{\n");
                for (MatchPair pair : list(item.pairs())) {
                    gift.append("\t=").append(escape(nullToEmpty(pair.left()))).append(" -> ")
                            .append(escape(nullToEmpty(pair.right()))).append('\n');
                }
                closeBlock(gift, item);
            }
            default -> throw new IllegalStateException("unhandled kind " + item.kind());
        }
    }

    private static void comment(StringBuilder gift, Item item) {
        List<String> notes = new ArrayList<>();
        if (item.level() != null) {
            notes.add("[tag:" + item.level().wireName() + "]");
        }
        for (String tag : list(item.tags())) {
            notes.add("[tag:" + tag + "]");
        }
        if (item.externalId() != null) {
            notes.add("[id:" + item.externalId() + "]");
        }
        if (item.kind() == ItemKind.FREE_RESPONSE && item.concepts() != null && !item.concepts().isEmpty()) {
            List<String> names = item.concepts().stream().map(c -> c == null ? "" : c).toList();
            notes.add("[concepts: " + String.join(" | ", names) + "]");
        }
        if (item.kind() == ItemKind.FLASHCARD) {
            notes.add("[kind:flashcard]");
        } else if (item.kind() == ItemKind.MULTIPLE_CHOICE && !readsAsMultipleChoice(item)) {
            notes.add(item.allowsMultipleAnswers() ? "[kind:multiple_response]" : "[kind:multiple_choice]");
        }
        if (!notes.isEmpty()) {
            gift.append("// ").append(String.join(" ", notes)).append('\n');
        }
    }

    /**
     * Whether plain GIFT says what the item is: a multiple choice needs two answers and a ~, and
     * it takes one answer exactly when one is marked =. Drafts (no options, no correct option)
     * need Recall's [kind:…] to come back as they were.
     */
    private static boolean readsAsMultipleChoice(Item item) {
        List<Option> options = list(item.options());
        boolean anyCorrect = options.stream().anyMatch(Option::correct);
        boolean anyWrong = options.stream().anyMatch(o -> !o.correct());
        return options.size() >= 2 && (item.allowsMultipleAnswers() || (anyCorrect && anyWrong));
    }

    private static void multipleChoice(StringBuilder gift, Item item) {
        List<Option> options = list(item.options());
        gift.append("{\n");
        boolean multiple = item.allowsMultipleAnswers();
        boolean computeWeights = multiple && options.stream().allMatch(o -> o.weight() == null);
        long correct = options.stream().filter(Option::correct).count();
        for (Option option : options) {
            gift.append('\t');
            if (!multiple) {
                gift.append(option.correct() ? '=' : '~').append(weight(option.weight()));
            } else if (computeWeights && correct > 0) {
                // Recall grades unweighted multiple answers (right − wrong) / right: the same as these weights.
                double share = 100.0 / correct;
                gift.append('~').append(weight(option.correct() ? share : -share));
            } else {
                gift.append('~').append(weight(option.weight()));
            }
            gift.append(escape(nullToEmpty(option.text()))).append(feedback(option.feedback())).append('\n');
        }
        closeBlock(gift, item);
    }

    /** {@code {TRUE#feedback if wrong#feedback if right}}, as Moodle writes it. */
    private static void trueFalse(StringBuilder gift, Item item) {
        boolean answer = !Boolean.FALSE.equals(item.answer());
        String right = answer ? item.feedbackTrue() : item.feedbackFalse();
        String wrong = answer ? item.feedbackFalse() : item.feedbackTrue();
        gift.append('{').append(answer ? "TRUE" : "FALSE");
        if (wrong != null) {
            gift.append('#').append(escape(wrong));
        } else if (right != null) {
            gift.append('#');
        }
        if (right != null) {
            gift.append('#').append(escape(right));
        }
        gift.append(generalFeedback(item.explanation())).append("}\n");
    }

    private static void numeric(StringBuilder gift, Item item) {
        gift.append("{#\n");
        for (NumericAnswer answer : list(item.numericAnswers())) {
            gift.append('\t');
            if (answer.isOtherwise()) {
                gift.append('~').append(weight(answer.weight()));
            } else {
                gift.append('=').append(weight(answer.weight()));
                if (answer.value() != null) {
                    gift.append(number(answer.value()));
                    if (answer.tolerance() != null) {
                        gift.append(':').append(number(answer.tolerance()));
                    }
                } else {
                    gift.append(number(answer.min())).append("..").append(number(answer.max()));
                }
            }
            if (answer.feedback() != null || answer.isOtherwise()) {
                gift.append('#').append(escape(nullToEmpty(answer.feedback())));
            }
            gift.append('\n');
        }
        closeBlock(gift, item);
    }

    private static void closeBlock(StringBuilder gift, Item item) {
        if (item.explanation() != null) {
            gift.append('\t').append(generalFeedback(item.explanation())).append('\n');
        }
        gift.append("}\n");
    }

    /** The inverse of {@link GiftParser}'s reading of an essay's general feedback. */
    static String essayFeedback(String hint, String modelAnswer) {
        String lead = hint == null ? "" : hint + " ";
        if (modelAnswer == null) {
            return hint == null ? null : lead + GiftParser.MODEL_ANSWER;
        }
        if (modelAnswer.startsWith(GiftParser.KEY_CONCEPTS)) {
            return lead + modelAnswer;
        }
        if (hint == null && GiftParser.markerAt(modelAnswer, GiftParser.KEY_CONCEPTS) < 0
                && GiftParser.markerAt(modelAnswer, GiftParser.MODEL_ANSWER) < 0) {
            return modelAnswer;
        }
        return lead + GiftParser.MODEL_ANSWER + " " + modelAnswer;
    }

    private static String generalFeedback(String text) {
        return text == null ? "" : "####" + escape(text);
    }

    private static String feedback(String text) {
        return text == null ? "" : "#" + escape(text);
    }

    private static String weight(Double weight) {
        return weight == null ? "" : "%" + number(weight) + "%";
    }

    static String number(Double value) {
        if (value == null) {
            return "";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** GIFT's escapes, as Moodle's exporter writes them: \ ~ = # { } : and newlines. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\', '~', '=', '#', '{', '}', ':' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\r' -> {
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
