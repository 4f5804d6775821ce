package dev.recall.progress.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.recall.progress.analysis.ItemAnalysis.AnalysedItem;
import dev.recall.progress.analysis.ItemAnalysis.ScoredAnswer;
import dev.recall.progress.analysis.ItemStatistics.OptionCount;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Ten sessions of five items, worked out by hand with exact fractions. Session scores (rows) and the
 * rest-of-session score y = session total - item score:
 *
 * <pre>
 *  session  I1 card  I2 mcq  I3 multi  I4 explain  I5 t/f   total
 *   1        1        1 (a)   1 (a,b)   3/3         1        5
 *   2        1        1 (a)   1 (a,b)   2/3         1        14/3
 *   3        1        1 (a)   1/2 (a)   2/3         0        19/6
 *   4        1        0 (b)   1/2 (a)   1/3         1        17/6
 *   5        0        1 (a)   0 (c)     1/3         1        7/3
 *   6        1        0 (b)   1/2 (a)   0           0        3/2
 *   7        0        0 (c)   0 (c)     2/3         1        5/3
 *   8        1        1 (a)   1 (a,b)   3/3         0        4
 *   9        0        0 (b)   1/2 (a)   0           0        1/2
 *  10        0        0 (c)   0 (c)     0           1        1
 * </pre>
 *
 * For each item, with x its scores: facility = mean(x); SD = sqrt(Sxx / 9); discrimination =
 * Sxy / sqrt(Sxx * Syy), where Sxx = sum (x - mean x)^2, Syy likewise for y, Sxy = sum (x - mean x)(y - mean y).
 * I1: x = 1,1,1,1,0,1,0,1,0,0: mean 3/5, Sxx = 6(2/5)^2 + 4(3/5)^2 = 12/5; y = 4, 11/3, 13/6, 11/6, 7/3, 1/2,
 * 5/3, 3, 1/2, 1 with mean 41/20: Syy = 608/45, Sxy = 83/30.
 */
class ItemAnalysisTest {
    static final double EXACT = 1e-12;
    static final UUID CARD = new UUID(1, 1);
    static final UUID MCQ = new UUID(1, 2);
    static final UUID MULTI = new UUID(1, 3);
    static final UUID EXPLAIN = new UUID(1, 4);
    static final UUID TRUE_FALSE = new UUID(1, 5);

    static final List<AnalysedItem> ITEMS = List.of(
            new AnalysedItem(CARD, "FLASHCARD", "beginner", null, null),
            new AnalysedItem(MCQ, "MULTIPLE_CHOICE", "beginner", List.of("a", "b", "c"), List.of("a")),
            new AnalysedItem(MULTI, "MULTIPLE_CHOICE", "intermediate", List.of("a", "b", "c", "d"), List.of("a", "b")),
            new AnalysedItem(EXPLAIN, "FREE_RESPONSE", "intermediate", null, null),
            new AnalysedItem(TRUE_FALSE, "TRUE_FALSE", "advanced", null, null));

    static final double[] CARD_SCORES = {1, 1, 1, 1, 0, 1, 0, 1, 0, 0};
    static final String[] MCQ_CHOICES = {"a", "a", "a", "b", "a", "b", "c", "a", "b", "c"};
    static final double[] MULTI_SCORES = {1, 1, 0.5, 0.5, 0, 0.5, 0, 1, 0.5, 0};
    static final int[] CONCEPTS_HIT = {3, 2, 2, 1, 1, 0, 2, 3, 0, 0};
    static final double[] TRUE_FALSE_SCORES = {1, 1, 0, 1, 1, 0, 1, 0, 0, 1};

    static List<ScoredAnswer> tenSessions() {
        List<ScoredAnswer> answers = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            UUID session = new UUID(2, s);
            answers.add(new ScoredAnswer(session, CARD, CARD_SCORES[s], null, 1000L * (s + 1)));
            answers.add(new ScoredAnswer(session, MCQ, "a".equals(MCQ_CHOICES[s]) ? 1 : 0, List.of(MCQ_CHOICES[s]),
                    2000L));
            List<String> multi = MULTI_SCORES[s] == 1 ? List.of("a", "b") : MULTI_SCORES[s] == 0.5 ? List.of("a")
                    : List.of("c");
            answers.add(new ScoredAnswer(session, MULTI, MULTI_SCORES[s], multi, s % 2 == 0 ? 3000L : 5000L));
            answers.add(new ScoredAnswer(session, EXPLAIN, CONCEPTS_HIT[s] / 3.0, null, 60_000L));
            answers.add(new ScoredAnswer(session, TRUE_FALSE, TRUE_FALSE_SCORES[s], null, null));
        }
        return answers;
    }

    @Test
    void facilityDeviationAndDiscriminationMatchTheHandComputedValues() {
        List<ItemStatistics> stats = ItemAnalysis.analyse(ITEMS, tenSessions());
        assertEquals(List.of(CARD, MCQ, MULTI, EXPLAIN, TRUE_FALSE), stats.stream().map(ItemStatistics::itemId).toList());

        ItemStatistics card = stats.get(0);
        assertEquals(10, card.attempts());
        assertEquals(0.6, card.facility(), EXACT);
        assertEquals(Math.sqrt(12.0 / 5 / 9), card.standardDeviation(), EXACT);
        assertEquals(0.5163977794943222, card.standardDeviation(), EXACT);
        assertEquals((83.0 / 30) / Math.sqrt(12.0 / 5 * 608.0 / 45), card.discrimination(), EXACT);
        assertEquals(0.48585388975800375, card.discrimination(), EXACT);
        assertEquals(5500.0, card.meanLatencyMs());
        assertNull(card.options(), "a flashcard has no options");

        // I2: x = 1,1,1,0,1,0,0,1,0,0; Sxx = 5/2, Syy = 221/18, Sxy = 10/3.
        ItemStatistics mcq = stats.get(1);
        assertEquals(0.5, mcq.facility(), EXACT);
        assertEquals(Math.sqrt(2.5 / 9), mcq.standardDeviation(), EXACT);
        assertEquals((10.0 / 3) / Math.sqrt(2.5 * 221.0 / 18), mcq.discrimination(), EXACT);
        assertEquals(0.6016568375961868, mcq.discrimination(), EXACT);
        assertEquals(List.of(new OptionCount("a", true, 5), new OptionCount("b", false, 3),
                new OptionCount("c", false, 2)), mcq.options(), "which distractors attract answers");

        // I3: Sxx = 3/2, Syy = 257/18, Sxy = 17/6.
        ItemStatistics multi = stats.get(2);
        assertEquals(0.5, multi.facility(), EXACT);
        assertEquals(Math.sqrt(1.5 / 9), multi.standardDeviation(), EXACT);
        assertEquals((17.0 / 6) / Math.sqrt(1.5 * 257.0 / 18), multi.discrimination(), EXACT);
        assertEquals(4000.0, multi.meanLatencyMs());
        assertEquals(List.of(new OptionCount("a", true, 7), new OptionCount("b", true, 3),
                new OptionCount("c", false, 3), new OptionCount("d", false, 0)), multi.options());

        // I4: x in thirds, mean 7/15; Sxx = 62/45, Syy = 68/5, Sxy = 97/30.
        ItemStatistics explain = stats.get(3);
        assertEquals(7.0 / 15, explain.facility(), EXACT);
        assertEquals(Math.sqrt(62.0 / 45 / 9), explain.standardDeviation(), EXACT);
        assertEquals((97.0 / 30) / Math.sqrt(62.0 / 45 * 68.0 / 5), explain.discrimination(), EXACT);
        assertEquals(0.7469498381558581, explain.discrimination(), EXACT);

        // I5 is answered right by the weaker sessions: Sxx = 12/5, Syy = 938/45, Sxy = -9/10.
        ItemStatistics trueFalse = stats.get(4);
        assertEquals(0.6, trueFalse.facility(), EXACT);
        assertEquals(-0.9 / Math.sqrt(12.0 / 5 * 938.0 / 45), trueFalse.discrimination(), EXACT);
        assertEquals(-0.12724529305850066, trueFalse.discrimination(), EXACT);
        assertNull(trueFalse.meanLatencyMs(), "no answer reported a latency");
    }

    @Test
    void anUnansweredItemHasNoFiguresAndASingleAnswerNoDeviation() {
        List<ItemStatistics> stats = ItemAnalysis.analyse(ITEMS,
                List.of(new ScoredAnswer(new UUID(2, 1), CARD, 1, null, 1200L)));
        assertEquals(1, stats.get(0).attempts());
        assertEquals(1.0, stats.get(0).facility());
        assertNull(stats.get(0).standardDeviation());
        assertNull(stats.get(0).discrimination());
        ItemStatistics mcq = stats.get(1);
        assertEquals(0, mcq.attempts());
        assertNull(mcq.facility());
        assertEquals(List.of(new OptionCount("a", true, 0), new OptionCount("b", false, 0),
                new OptionCount("c", false, 0)), mcq.options());
    }

    @Test
    void anItemEveryoneGetsRightDoesNotDiscriminate() {
        List<ScoredAnswer> answers = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            answers.add(new ScoredAnswer(new UUID(2, s), CARD, 1, null, null));
            answers.add(new ScoredAnswer(new UUID(2, s), MCQ, s % 2, List.of(s % 2 == 1 ? "a" : "z"), null));
        }
        List<ItemStatistics> stats = ItemAnalysis.analyse(ITEMS, answers);
        assertEquals(0.0, stats.get(0).standardDeviation());
        assertNull(stats.get(0).discrimination(), "no variance in the item's scores");
        assertNull(stats.get(1).discrimination(), "the rest of each session (the card) never varies");
        assertEquals(new OptionCount("z", false, 2), stats.get(1).options().get(3),
                "an id no longer among the options is still counted");
    }

    @Test
    void answersToItemsNoLongerInTheDeckAreReportedAfterIt() {
        UUID removed = new UUID(9, 9);
        List<ItemStatistics> stats = ItemAnalysis.analyse(ITEMS.subList(0, 1),
                List.of(new ScoredAnswer(new UUID(2, 1), removed, 0, null, null)));
        assertEquals(List.of(CARD, removed), stats.stream().map(ItemStatistics::itemId).toList());
        assertNull(stats.get(1).kind());
        assertEquals(0.0, stats.get(1).facility());
    }
}
