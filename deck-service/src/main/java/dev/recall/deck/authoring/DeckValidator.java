package dev.recall.deck.authoring;

import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Option;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules an item must satisfy. A draft item needs only its kind and level (imports bring
 * incomplete items); publishing requires the full rules of its kind.
 */
public final class DeckValidator {
    static final Set<ItemKind> SUPPORTED = Set.of(ItemKind.FLASHCARD, ItemKind.MULTIPLE_CHOICE, ItemKind.FREE_RESPONSE);

    private DeckValidator() {
    }

    /** The minimum for an item to enter the draft. */
    public static List<Problem> draftProblems(Item item) {
        List<Problem> problems = new ArrayList<>();
        if (item.kind() == null) {
            problems.add(new Problem(item.id(), "kind", "kind is required: one of " + SUPPORTED));
        } else if (!SUPPORTED.contains(item.kind())) {
            problems.add(new Problem(item.id(), "kind", "kind " + item.kind() + " is not supported yet; use one of "
                    + SUPPORTED));
        }
        if (item.level() == null) {
            problems.add(new Problem(item.id(), "level", "level is required: beginner, intermediate or advanced"));
        }
        return problems;
    }

    /** Everything that would make the item unusable for a learner. */
    public static List<Problem> publishProblems(Item item) {
        List<Problem> problems = draftProblems(item);
        if (!problems.isEmpty()) {
            return problems;
        }
        switch (item.kind()) {
            case FLASHCARD -> {
                requireText(item, "front", item.front(), problems);
                requireText(item, "back", item.back(), problems);
            }
            case MULTIPLE_CHOICE -> multipleChoiceProblems(item, problems);
            case FREE_RESPONSE -> {
                requireText(item, "prompt", item.prompt(), problems);
                List<String> concepts = item.concepts() == null ? List.of() : item.concepts();
                if (concepts.isEmpty()) {
                    problems.add(new Problem(item.id(), "concepts",
                            "a free-response item needs at least one named concept to grade against"));
                }
                for (int i = 0; i < concepts.size(); i++) {
                    if (isBlank(concepts.get(i))) {
                        problems.add(new Problem(item.id(), "concepts[" + i + "]", "concept " + (i + 1)
                                + " has no name; name it or remove it"));
                    }
                }
            }
            default -> problems.add(new Problem(item.id(), "kind", "kind " + item.kind() + " is not supported yet"));
        }
        return problems;
    }

    private static void multipleChoiceProblems(Item item, List<Problem> problems) {
        requireText(item, "stem", item.stem(), problems);
        List<Option> options = item.options() == null ? List.of() : item.options();
        if (options.size() < 2) {
            problems.add(new Problem(item.id(), "options", "a multiple-choice item needs at least 2 options, it has "
                    + options.size()));
        }
        long correct = options.stream().filter(Option::correct).count();
        if (!options.isEmpty() && correct == 0) {
            problems.add(new Problem(item.id(), "options", "no option is marked correct; mark at least one"));
        }
        if (!item.allowsMultipleAnswers() && correct > 1) {
            problems.add(new Problem(item.id(), "options", correct + " options are marked correct but the item is "
                    + "single-answer; mark one, or set multipleAnswers to true"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < options.size(); i++) {
            Option option = options.get(i);
            if (isBlank(option.text())) {
                problems.add(new Problem(item.id(), "options[" + i + "].text", "option " + (i + 1) + " has no text"));
            }
            if (option.id() != null && !ids.add(option.id())) {
                problems.add(new Problem(item.id(), "options[" + i + "].id", "option id '" + option.id()
                        + "' is used twice in this item"));
            }
        }
    }

    private static void requireText(Item item, String field, String value, List<Problem> problems) {
        if (isBlank(value)) {
            problems.add(new Problem(item.id(), field, field + " is required for a " + item.kind() + " item"));
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
