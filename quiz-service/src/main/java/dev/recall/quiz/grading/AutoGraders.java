package dev.recall.quiz.grading;

import dev.recall.contracts.deck.AcceptedAnswer;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.MatchPair;
import dev.recall.contracts.deck.NumericAnswer;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Graders of the GIFT kinds: true/false, short answer, numeric and matching. */
final class AutoGraders {
    private AutoGraders() {
    }

    /** Right or wrong; the feedback of the answer given, the explanation when wrong. */
    static Grade trueFalse(Item item, Submission submission) {
        if (submission.truth() == null) {
            throw new InvalidAnswer("a true/false item is answered with value: true or false");
        }
        boolean right = submission.truth().equals(item.answer());
        String feedback = submission.truth() ? item.feedbackTrue() : item.feedbackFalse();
        return new Grade(right, right ? 1.0 : 0.0, right ? Grader.CORRECT : Grader.INCORRECT, null, feedback,
                right ? null : item.explanation(), item.answer(), null, null, null);
    }

    /**
     * The best-credited accepted answer that equals the text once both are normalised: case,
     * accents and runs of white space do not matter. Credit is GIFT's percentage, capped at 100.
     */
    static Grade shortAnswer(Item item, Submission submission) {
        if (submission.text() == null) {
            throw new InvalidAnswer("a short-answer item is answered with text");
        }
        String given = normalise(submission.text());
        Optional<AcceptedAnswer> best = item.acceptedAnswers().stream()
                .filter(accepted -> normalise(accepted.text()).equals(given))
                .max((a, b) -> Double.compare(a.creditPercent(), b.creditPercent()));
        double credit = best.map(AcceptedAnswer::creditPercent).orElse(0.0);
        List<String> full = item.acceptedAnswers().stream().filter(a -> a.creditPercent() >= 100)
                .map(AcceptedAnswer::text).toList();
        return credited(item, credit, best.map(AcceptedAnswer::feedback).orElse(null), full);
    }

    /** NFD, accents removed, lower case, white space collapsed and trimmed. */
    static String normalise(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    /**
     * The best-credited answer whose interval holds the number: value ± tolerance, or min..max,
     * bounds included (compared in decimal so that 0.1 + 0.2 style errors do not move a bound).
     */
    static Grade numeric(Item item, Submission submission) {
        if (submission.number() == null || submission.number().isNaN() || submission.number().isInfinite()) {
            throw new InvalidAnswer("a numeric item is answered with value: a finite number");
        }
        BigDecimal given = BigDecimal.valueOf(submission.number());
        NumericAnswer best = null;
        for (NumericAnswer answer : item.numericAnswers()) {
            if (!answer.isOtherwise() && holds(answer, given)
                    && (best == null || answer.creditPercent() > best.creditPercent())) {
                best = answer;
            }
        }
        String feedback = best != null ? best.feedback() : item.numericAnswers().stream()
                .filter(NumericAnswer::isOtherwise).map(NumericAnswer::feedback).findFirst().orElse(null);
        List<String> full = item.numericAnswers().stream()
                .filter(a -> !a.isOtherwise() && a.creditPercent() >= 100).map(AutoGraders::describe).toList();
        return credited(item, best == null ? 0.0 : best.creditPercent(), feedback, full);
    }

    static boolean holds(NumericAnswer answer, BigDecimal given) {
        if (answer.isRange()) {
            return (answer.min() == null || given.compareTo(BigDecimal.valueOf(answer.min())) >= 0)
                    && (answer.max() == null || given.compareTo(BigDecimal.valueOf(answer.max())) <= 0);
        }
        BigDecimal value = BigDecimal.valueOf(answer.value());
        BigDecimal tolerance = BigDecimal.valueOf(answer.tolerance() == null ? 0.0 : Math.abs(answer.tolerance()));
        return given.subtract(value).abs().compareTo(tolerance) <= 0;
    }

    static String describe(NumericAnswer answer) {
        if (answer.isRange()) {
            return (answer.min() == null ? "-∞" : plain(answer.min())) + ".." + (answer.max() == null ? "∞"
                    : plain(answer.max()));
        }
        return answer.tolerance() == null || answer.tolerance() == 0 ? plain(answer.value())
                : plain(answer.value()) + " ± " + plain(answer.tolerance());
    }

    private static String plain(double number) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }

    /** Each pair matched scores 1/n; a left side left out counts as wrong. */
    static Grade matching(Item item, Submission submission) {
        if (submission.pairs() == null) {
            throw new InvalidAnswer("a matching item is answered with pairs: an object from each left side to the "
                    + "right side chosen for it");
        }
        Map<String, String> key = new LinkedHashMap<>();
        for (MatchPair pair : item.pairs()) {
            key.put(pair.left(), pair.right());
        }
        Set<String> unknown = submission.pairs().keySet().stream().filter(left -> !key.containsKey(left))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!unknown.isEmpty()) {
            throw new InvalidAnswer("unknown left side(s) " + unknown + "; this item's are " + key.keySet());
        }
        List<String> wrong = new ArrayList<>();
        int matched = 0;
        for (Map.Entry<String, String> pair : key.entrySet()) {
            if (pair.getValue().equals(submission.pairs().get(pair.getKey()))) {
                matched++;
            } else {
                wrong.add(pair.getKey());
            }
        }
        double score = (double) matched / key.size();
        boolean all = matched == key.size();
        String verdict = all ? Grader.CORRECT : matched > 0 ? Grader.PARTIAL : Grader.INCORRECT;
        String feedback = all ? null : matched + " of " + key.size() + " pairs matched; wrong: " + wrong;
        return new Grade(all, score, verdict, null, feedback, all ? null : item.explanation(), key, null, null, null);
    }

    private static Grade credited(Item item, double creditPercent, String feedback, Object correctAnswer) {
        double score = Math.max(0.0, Math.min(1.0, creditPercent / 100.0));
        boolean right = score >= 1.0;
        String verdict = right ? Grader.CORRECT : score > 0 ? Grader.PARTIAL : Grader.INCORRECT;
        return new Grade(right, score, verdict, null, feedback, right ? null : item.explanation(), correctAnswer, null,
                null, null);
    }
}
