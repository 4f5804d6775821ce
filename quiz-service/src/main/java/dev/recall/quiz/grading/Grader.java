package dev.recall.quiz.grading;

import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.Option;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Grades one submission against one item. Pure: the same item and submission give the same grade. */
public final class Grader {
    static final String CORRECT = "✓ Correct";
    static final String INCORRECT = "✗ Incorrect";
    static final String PARTIAL = "◐ Partially correct";

    private Grader() {
    }

    public static Grade grade(Item item, Submission submission) {
        switch (item.kind()) {
            case FLASHCARD:
                return flashcard(item, submission);
            case MULTIPLE_CHOICE:
                return multipleChoice(item, submission);
            case FREE_RESPONSE:
                return freeResponse(item, submission);
            case TRUE_FALSE:
                return AutoGraders.trueFalse(item, submission);
            case SHORT_ANSWER:
                return AutoGraders.shortAnswer(item, submission);
            case NUMERIC:
                return AutoGraders.numeric(item, submission);
            case MATCHING:
                return AutoGraders.matching(item, submission);
            default:
                throw new InvalidAnswer("items of kind " + item.kind() + " cannot be answered");
        }
    }

    /** The rating is the result: only AGAIN counts as not recalled. */
    static Grade flashcard(Item item, Submission submission) {
        if (submission.rating() == null) {
            throw new InvalidAnswer("a flashcard is answered with a rating: AGAIN, HARD, GOOD or EASY");
        }
        Rating rating = Rating.parse(submission.rating());
        boolean recalled = rating != Rating.AGAIN;
        return new Grade(recalled, recalled ? 1.0 : 0.0, rating.name(), rating.name(), null, null, item.back(), null,
                null, null);
    }

    /**
     * Single answer: 1 when the chosen option is correct. Multiple answers: with weights, the sum of
     * the chosen options' weights in percent, floored at 0 and capped at 1; without, the correct
     * options chosen minus the wrong ones chosen, over the number of correct options, floored at 0.
     * Correct only when exactly the correct options were chosen.
     */
    static Grade multipleChoice(Item item, Submission submission) {
        List<String> selected = submission.selected() == null ? List.of() : submission.selected();
        if (selected.isEmpty()) {
            throw new InvalidAnswer("a multiple-choice item is answered with selected: the ids of the chosen options");
        }
        Map<String, Option> options = item.options().stream()
                .collect(Collectors.toMap(Option::id, Function.identity()));
        Set<String> chosen = new LinkedHashSet<>(selected);
        List<String> unknown = chosen.stream().filter(id -> !options.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidAnswer("unknown option id(s) " + unknown + "; this item's options are "
                    + item.options().stream().map(Option::id).toList());
        }
        if (!item.allowsMultipleAnswers() && chosen.size() != 1) {
            throw new InvalidAnswer("this item takes exactly one option, " + chosen.size() + " were selected");
        }
        List<Option> correctOptions = item.options().stream().filter(Option::correct).toList();
        Set<String> correctIds = correctOptions.stream().map(Option::id).collect(Collectors.toSet());
        boolean exact = chosen.equals(correctIds);
        double score;
        if (!item.allowsMultipleAnswers()) {
            score = exact ? 1.0 : 0.0;
        } else if (item.options().stream().anyMatch(option -> option.weight() != null)) {
            double percent = chosen.stream().map(options::get)
                    .mapToDouble(option -> option.weight() == null ? 0.0 : option.weight()).sum();
            score = Math.min(1.0, Math.max(0.0, percent / 100.0));
        } else {
            long hits = chosen.stream().filter(correctIds::contains).count();
            long misses = chosen.size() - hits;
            score = Math.max(0.0, (double) (hits - misses) / correctIds.size());
        }
        List<String> feedback = new ArrayList<>();
        for (String id : chosen) {
            String text = options.get(id).feedback();
            if (text != null && !text.isBlank()) {
                feedback.add(text);
            }
        }
        String verdict = exact ? CORRECT : score > 0 ? PARTIAL : INCORRECT;
        List<Map<String, String>> answer = correctOptions.stream()
                .map(option -> Map.of("id", option.id(), "text", option.text())).toList();
        return new Grade(exact, score, verdict, null, feedback.isEmpty() ? null : String.join(" ", feedback),
                exact ? null : item.explanation(), answer, null, null, null);
    }

    /** The learner ticks the concepts their answer covered: k of n concepts, score k/n. */
    static Grade freeResponse(Item item, Submission submission) {
        if (submission.conceptsCovered() == null) {
            throw new InvalidAnswer("a free-response item is answered with conceptsCovered: the names of the "
                    + "concepts your answer covers (an empty list when none)");
        }
        List<String> concepts = item.concepts();
        Set<String> covered = new LinkedHashSet<>(submission.conceptsCovered());
        List<String> unknown = covered.stream().filter(name -> !concepts.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidAnswer("unknown concept(s) " + unknown + "; this item's concepts are " + concepts);
        }
        int hit = covered.size();
        int total = concepts.size();
        List<String> missed = concepts.stream().filter(name -> !covered.contains(name)).toList();
        return new Grade(hit == total, (double) hit / total, "You got " + hit + "/" + total + " concepts", null, null,
                null, item.modelAnswer(), hit, total, missed);
    }
}
