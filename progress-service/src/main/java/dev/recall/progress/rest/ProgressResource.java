package dev.recall.progress.rest;

import dev.recall.kit.problem.ProblemException;
import dev.recall.progress.mastery.DueItem;
import dev.recall.progress.mastery.LearnerItem;
import dev.recall.progress.mastery.Mastery;
import dev.recall.progress.projection.LearnerQueries;
import dev.recall.progress.projection.MasteryQueries;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * A learner's progress. Without {@code asOf} the answers come from the live projection and
 * retrievability is computed for the time of the request; with it, from a replay of the events up to
 * that instant.
 */
@Path("/learners/{learnerId}")
@Produces(MediaType.APPLICATION_JSON)
public class ProgressResource {
    static final int DEFAULT_DUE_LIMIT = 50;
    static final int MAX_DUE_LIMIT = 1000;
    private static final String AS_OF = "an ISO-8601 instant such as 2026-11-27T09:30:00Z: answer as of then, from "
            + "the events up to it; default now";

    @Inject
    MasteryQueries masteryQueries;

    @Inject
    LearnerQueries learnerQueries;

    @GET
    @Path("/decks/{deckId}/mastery")
    @Operation(summary = "A learner's mastery of a deck's latest published version, overall, per level and per concept")
    public Mastery mastery(@PathParam("learnerId") String learnerId, @PathParam("deckId") String deckId,
            @Parameter(description = AS_OF) @QueryParam("asOf") String asOf) {
        UUID deck = uuid("deckId", deckId, true);
        Instant at = asOf(asOf);
        String notYet = asOf == null ? "a published version of deck " + deckId + " has not reached progress-service yet"
                : "no version of deck " + deckId + " had been published by " + at;
        return (asOf == null ? masteryQueries.mastery(learnerId, deck, at)
                : masteryQueries.masteryAsOf(learnerId, deck, at))
                .orElseThrow(() -> ProblemException.notFound(notYet));
    }

    @GET
    @Path("/items/{itemId}")
    @Operation(summary = "A learner's attempts on an item, its FSRS-6 schedule and the retrievability now or asOf")
    public LearnerItem item(@PathParam("learnerId") String learnerId, @PathParam("itemId") String itemId,
            @Parameter(description = AS_OF) @QueryParam("asOf") String asOf) {
        UUID item = uuid("itemId", itemId, true);
        Instant at = asOf(asOf);
        return (asOf == null ? learnerQueries.item(learnerId, item, at) : learnerQueries.itemAsOf(learnerId, item, at))
                .orElseThrow(() -> ProblemException.notFound("item " + itemId + " is in no deck that has reached "
                        + "progress-service" + (asOf == null ? "" : " by " + at) + ", and learner " + learnerId
                        + " has not answered it"));
    }

    @GET
    @Path("/due")
    @Operation(summary = "The learner's items due for review now (or asOf), soonest first")
    public List<DueItem> due(@PathParam("learnerId") String learnerId,
            @Parameter(description = "only items of this deck") @QueryParam("deckId") String deckId,
            @Parameter(description = "at most this many items, 1 to " + MAX_DUE_LIMIT + "; default "
                    + DEFAULT_DUE_LIMIT) @QueryParam("limit") String limit,
            @Parameter(description = AS_OF) @QueryParam("asOf") String asOf) {
        UUID deck = uuid("deckId", deckId, false);
        int max = limit(limit);
        Instant at = asOf(asOf);
        return asOf == null ? learnerQueries.due(learnerId, deck, max, at)
                : learnerQueries.dueAsOf(learnerId, deck, max, at);
    }

    static Instant asOf(String asOf) {
        if (asOf == null) {
            return Instant.now().truncatedTo(ChronoUnit.MILLIS);
        }
        try {
            // An unencoded '+' of an offset arrives as a space.
            return OffsetDateTime.parse(asOf.trim().replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("asOf must be an ISO-8601 instant with its offset, such as "
                    + "2026-11-27T09:30:00Z; got '" + asOf + "'");
        }
    }

    static UUID uuid(String name, String value, boolean inPath) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            if (inPath) {
                throw ProblemException.notFound(name + " '" + value + "' is not a UUID, so nothing has it as its id");
            }
            throw ProblemException.badRequest(name + " must be a UUID such as 9b2f1c3e-5a4d-4e6f-8a7b-1c2d3e4f5a6b; "
                    + "got '" + value + "'");
        }
    }

    static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_DUE_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_DUE_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest("limit must be a whole number from 1 to " + MAX_DUE_LIMIT + "; got '"
                + limit + "'");
    }
}
