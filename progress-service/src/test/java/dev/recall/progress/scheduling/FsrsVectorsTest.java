package dev.recall.progress.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recall.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the vectors that ts-fsrs 5.4.2, the reference implementation, produced for the same reviews
 * (src/test/fsrs-oracle/generate-vectors.cjs): every card field after every review must agree.
 */
class FsrsVectorsTest {
    /** They agree bit for bit today; the margin only absorbs last-ulp differences between maths libraries. */
    static final double TOLERANCE = 1e-6;
    static final String VECTORS = "/fsrs/ts-fsrs-5.4.2-vectors.json";

    static JsonNode vectors() throws IOException {
        try (InputStream in = FsrsVectorsTest.class.getResourceAsStream(VECTORS)) {
            return Json.MAPPER.readTree(in);
        }
    }

    static List<Arguments> eachVector() throws IOException {
        List<Arguments> arguments = new ArrayList<>();
        for (JsonNode vector : vectors().get("vectors")) {
            arguments.add(Arguments.of(vector.get("name").asText(), vector));
        }
        return arguments;
    }

    @Test
    void theVectorsComeFromTsFsrs542AndCoverEveryRatingAndState() throws IOException {
        JsonNode all = vectors();
        assertEquals("ts-fsrs@5.4.2", all.get("oracle").asText());
        assertTrue(all.get("vectors").size() >= 21, "the reference vector and at least 20 more");
        java.util.Set<String> ratings = new java.util.TreeSet<>();
        java.util.Set<String> states = new java.util.TreeSet<>();
        for (JsonNode vector : all.get("vectors")) {
            for (JsonNode step : vector.get("steps")) {
                ratings.add(step.get("rating").asText());
                states.add(step.get("card").get("state").asText());
            }
        }
        assertEquals(java.util.Set.of("AGAIN", "HARD", "GOOD", "EASY"), ratings);
        assertEquals(java.util.Set.of("LEARNING", "REVIEW", "RELEARNING"), states);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachVector")
    void javaAgreesWithTsFsrs(String name, JsonNode vector) {
        Fsrs fsrs = new Fsrs(parameters(vector.get("parameters")));
        Card card = Card.unseen(Instant.parse(vector.get("start").asText()));
        int index = 0;
        for (JsonNode step : vector.get("steps")) {
            String where = name + " step " + index++ + ": ";
            card = fsrs.review(card, Instant.parse(step.get("reviewedAt").asText()),
                    Rating.valueOf(step.get("rating").asText()));
            JsonNode expected = step.get("card");
            assertEquals(CardState.valueOf(expected.get("state").asText()), card.state(), where + "state");
            assertEquals(expected.get("stability").asDouble(), card.stability(), TOLERANCE, where + "stability");
            assertEquals(expected.get("difficulty").asDouble(), card.difficulty(), TOLERANCE, where + "difficulty");
            assertEquals(Instant.parse(expected.get("due").asText()), card.due(), where + "due");
            assertEquals(Instant.parse(expected.get("lastReview").asText()), card.lastReview(), where + "lastReview");
            assertEquals(expected.get("scheduledDays").asInt(), card.scheduledDays(), where + "scheduledDays");
            assertEquals(expected.get("elapsedDays").asInt(), card.elapsedDays(), where + "elapsedDays");
            assertEquals(expected.get("learningSteps").asInt(), card.learningSteps(), where + "learningSteps");
            assertEquals(expected.get("reps").asInt(), card.reps(), where + "reps");
            assertEquals(expected.get("lapses").asInt(), card.lapses(), where + "lapses");
            for (JsonNode probe : step.get("probes")) {
                assertEquals(probe.get("retrievability").asDouble(),
                        fsrs.retrievability(card, Instant.parse(probe.get("at").asText())), TOLERANCE,
                        where + "retrievability at " + probe.get("at").asText());
            }
        }
    }

    static FsrsParameters parameters(JsonNode overrides) {
        FsrsParameters parameters = FsrsParameters.defaults();
        if (overrides.has("request_retention")) {
            parameters = parameters.withDesiredRetention(overrides.get("request_retention").asDouble());
        }
        if (overrides.has("maximum_interval")) {
            parameters = parameters.withMaximumInterval(overrides.get("maximum_interval").asInt());
        }
        return parameters;
    }
}
