package dev.recall.deck.authoring;

import dev.recall.contracts.deck.AcceptedAnswer;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.MatchPair;
import dev.recall.contracts.deck.NumericAnswer;
import dev.recall.contracts.deck.Option;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules an item must satisfy. A draft item needs only its kind and level (imports bring
 * incomplete items); publishing requires the full rules of its kind.
 */
public final class DeckValidator {
    /** Weights are percentages of the item's score: GIFT's %-100% … %100%. */
    static final double MAX_WEIGHT = 100.0;
    /** Slack for weights such as 33.333 that cannot add up to exactly 100. */
    static final double WEIGHT_SUM_SLACK = 0.1;

    private DeckValidator() {
    }

    /** The minimum for an item to enter the draft. */
    public static List<Problem> draftProblems(Item item) {
        List<Problem> problems = new ArrayList<>();
        if (item.kind() == null) {
            problems.add(new Problem(item.id(), "kind", "kind is required: one of "
                    + Arrays.toString(ItemKind.values())));
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
            case FREE_RESPONSE -> freeResponseProblems(item, problems);
            case TRUE_FALSE -> {
                requireText(item, "stem", item.stem(), problems);
                if (item.answer() == null) {
                    problems.add(new Problem(item.id(), "answer",
                            "a true/false item needs its answer: set answer to true or false"));
                }
            }
            case SHORT_ANSWER -> shortAnswerProblems(item, problems);
            case NUMERIC -> numericProblems(item, problems);
            case MATCHING -> matchingProblems(item, problems);
            default -> throw new IllegalStateException("unhandled kind " + item.kind());
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
            requireWeightInRange(item, "options[" + i + "].weight", "option " + (i + 1), option.weight(), problems);
        }
        if (item.allowsMultipleAnswers() && options.stream().anyMatch(o -> o.weight() != null)) {
            multipleAnswerWeightProblems(item, options, problems);
        }
    }

    /**
     * With weights, a multiple-answer item scores the sum of the chosen weights: the correct options
     * must be exactly those that earn credit, and together earn 100 %, or a perfect answer is not 1.
     */
    private static void multipleAnswerWeightProblems(Item item, List<Option> options, List<Problem> problems) {
        double positive = 0;
        for (int i = 0; i < options.size(); i++) {
            Option option = options.get(i);
            double weight = option.weight() == null ? 0.0 : option.weight();
            if (weight > 0) {
                positive += weight;
            }
            if (option.correct() && weight <= 0) {
                problems.add(new Problem(item.id(), "options[" + i + "].weight", "option " + (i + 1)
                        + " is marked correct but its weight is " + percent(weight) + "; give it a positive weight "
                        + "or mark it incorrect"));
            } else if (!option.correct() && weight > 0) {
                problems.add(new Problem(item.id(), "options[" + i + "].weight", "option " + (i + 1)
                        + " earns " + percent(weight) + " but is not marked correct; mark it correct or give it a "
                        + "weight of 0 or less"));
            }
        }
        if (options.stream().anyMatch(Option::correct) && Math.abs(positive - MAX_WEIGHT) > WEIGHT_SUM_SLACK) {
            problems.add(new Problem(item.id(), "options", "the positive weights add up to " + percent(positive)
                    + "; they must add up to 100% so that choosing every correct option scores 1"));
        }
    }

    private static void freeResponseProblems(Item item, List<Problem> problems) {
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

    private static void shortAnswerProblems(Item item, List<Problem> problems) {
        requireText(item, "stem", item.stem(), problems);
        List<AcceptedAnswer> answers = item.acceptedAnswers() == null ? List.of() : item.acceptedAnswers();
        if (answers.isEmpty()) {
            problems.add(new Problem(item.id(), "acceptedAnswers",
                    "a short-answer item needs at least one accepted answer"));
            return;
        }
        for (int i = 0; i < answers.size(); i++) {
            AcceptedAnswer answer = answers.get(i);
            if (isBlank(answer.text())) {
                problems.add(new Problem(item.id(), "acceptedAnswers[" + i + "].text", "accepted answer " + (i + 1)
                        + " has no text"));
            }
            requireWeightInRange(item, "acceptedAnswers[" + i + "].weight", "accepted answer " + (i + 1),
                    answer.weight(), problems);
        }
        if (answers.stream().noneMatch(a -> a.creditPercent() > 0)) {
            problems.add(new Problem(item.id(), "acceptedAnswers",
                    "no accepted answer earns credit; give at least one a weight above 0 (100 when left out)"));
        }
    }

    private static void numericProblems(Item item, List<Problem> problems) {
        requireText(item, "stem", item.stem(), problems);
        List<NumericAnswer> answers = item.numericAnswers() == null ? List.of() : item.numericAnswers();
        if (answers.stream().allMatch(NumericAnswer::isOtherwise)) {
            problems.add(new Problem(item.id(), "numericAnswers",
                    "a numeric item needs at least one answer: a value (with a tolerance) or a range min..max"));
            return;
        }
        for (int i = 0; i < answers.size(); i++) {
            NumericAnswer answer = answers.get(i);
            String field = "numericAnswers[" + i + "]";
            String name = "answer " + (i + 1);
            if (answer.value() != null && (answer.min() != null || answer.max() != null)) {
                problems.add(new Problem(item.id(), field, name + " has both a value and a range; keep one"));
            }
            if (answer.tolerance() != null && answer.tolerance() < 0) {
                problems.add(new Problem(item.id(), field + ".tolerance", name + " has a negative tolerance ("
                        + answer.tolerance() + "); a tolerance is a distance, 0 or more"));
            }
            if (answer.isRange()) {
                if (answer.min() == null || answer.max() == null) {
                    problems.add(new Problem(item.id(), field, name + " is a range without its "
                            + (answer.min() == null ? "min" : "max") + "; a range needs both ends"));
                } else if (answer.min() > answer.max()) {
                    problems.add(new Problem(item.id(), field, name + " has min " + answer.min()
                            + " above max " + answer.max() + "; swap them"));
                }
            }
            if (answer.tolerance() != null && answer.value() == null) {
                problems.add(new Problem(item.id(), field + ".tolerance", name
                        + " has a tolerance but no value to apply it to"));
            }
            for (Double number : new Double[] {answer.value(), answer.tolerance(), answer.min(), answer.max()}) {
                if (number != null && !Double.isFinite(number)) {
                    problems.add(new Problem(item.id(), field, name + " has a number that is not finite"));
                    break;
                }
            }
            requireWeightInRange(item, field + ".weight", name, answer.weight(), problems);
        }
        if (answers.stream().noneMatch(a -> !a.isOtherwise() && a.creditPercent() > 0)) {
            problems.add(new Problem(item.id(), "numericAnswers",
                    "no answer earns credit; give at least one a weight above 0 (100 when left out)"));
        }
    }

    /** As in Moodle, a pair without a left side is an extra, wrong answer to choose from. */
    private static void matchingProblems(Item item, List<Problem> problems) {
        requireText(item, "stem", item.stem(), problems);
        List<MatchPair> pairs = item.pairs() == null ? List.of() : item.pairs();
        long matched = pairs.stream().filter(pair -> !isBlank(pair.left())).count();
        if (matched < 2) {
            problems.add(new Problem(item.id(), "pairs", "a matching item needs at least 2 pairs with a left side, it "
                    + "has " + matched + " (a pair without a left side is only an extra answer)"));
        }
        Set<String> lefts = new HashSet<>();
        for (int i = 0; i < pairs.size(); i++) {
            MatchPair pair = pairs.get(i);
            if (!isBlank(pair.left()) && !lefts.add(pair.left().strip())) {
                problems.add(new Problem(item.id(), "pairs[" + i + "].left", "pair " + (i + 1) + " repeats the left "
                        + "side '" + pair.left().strip() + "'; each left side is matched once"));
            }
            if (isBlank(pair.right())) {
                problems.add(new Problem(item.id(), "pairs[" + i + "].right", "pair " + (i + 1)
                        + " has no right side"));
            }
        }
    }

    private static void requireWeightInRange(Item item, String field, String name, Double weight,
            List<Problem> problems) {
        if (weight != null && (!Double.isFinite(weight) || weight < -MAX_WEIGHT || weight > MAX_WEIGHT)) {
            problems.add(new Problem(item.id(), field, name + " has weight " + weight
                    + "; a weight is a percentage between -100 and 100"));
        }
    }

    private static void requireText(Item item, String field, String value, List<Problem> problems) {
        if (isBlank(value)) {
            problems.add(new Problem(item.id(), field, field + " is required for a " + item.kind() + " item"));
        }
    }

    private static String percent(double value) {
        return (value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value)) + "%";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
