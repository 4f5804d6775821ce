package dev.recall.progress.mastery;

import dev.recall.contracts.deck.Level;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Folds the rows of one learner on one deck version into {@link Mastery}; pure, no I/O.
 *
 * <p>itemsTotal counts the version's items; itemsSeen those answered at least once; accuracy is
 * correct attempts over attempts on those items. Mastery and retrievability need each item's FSRS
 * state, which this service does not keep yet: itemsMastered is 0 and meanRetrievability null until it does.
 */
public final class MasteryCalculator {
    private MasteryCalculator() {
    }

    public static Mastery compute(String learnerId, UUID deckId, int deckVersion, List<ItemProgress> items) {
        Tally all = tally(items, item -> true);
        Map<Level, Tally> perLevel = new EnumMap<>(Level.class);
        for (ItemProgress item : items) {
            perLevel.computeIfAbsent(item.level(), level -> tally(items, i -> i.level() == level));
        }
        Map<String, Mastery.LevelMastery> byLevel = new LinkedHashMap<>();
        perLevel.forEach((level, tally) -> byLevel.put(level.wireName(),
                new Mastery.LevelMastery(tally.total, tally.seen, 0, tally.accuracy())));
        return new Mastery(learnerId, deckId, deckVersion, all.total, all.seen, 0, all.accuracy(), null, byLevel,
                Map.of());
    }

    private static Tally tally(List<ItemProgress> items, Predicate<ItemProgress> filter) {
        Tally tally = new Tally();
        for (ItemProgress item : items) {
            if (filter.test(item)) {
                tally.total++;
                if (item.seen()) {
                    tally.seen++;
                }
                tally.attempts += item.attempts();
                tally.correct += item.correct();
            }
        }
        return tally;
    }

    private static final class Tally {
        int total;
        int seen;
        long attempts;
        long correct;

        Double accuracy() {
            return attempts == 0 ? null : (double) correct / attempts;
        }
    }
}
