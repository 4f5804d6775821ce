package dev.recall.progress.rest;

import dev.recall.kit.problem.ProblemException;
import dev.recall.progress.analysis.ItemStatsReport;
import dev.recall.progress.projection.ItemStatsQueries;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Item analysis of a deck over all learners, as JSON or, with {@code Accept: text/csv}, as CSV. */
@Path("/decks/{deckId}/item-stats")
public class DeckStatsResource {
    public static final String CSV = "text/csv";

    @Inject
    ItemStatsQueries queries;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Per item: attempts, facility index, standard deviation, discrimination index, option "
            + "counts and mean latency (Moodle's item analysis), over every learner's answers")
    public ItemStatsReport itemStats(@PathParam("deckId") String deckId) {
        return report(deckId);
    }

    @GET
    @Produces(CSV + ";charset=UTF-8")
    @Operation(summary = "The same item analysis as CSV, one line per item")
    public String itemStatsCsv(@PathParam("deckId") String deckId) {
        return report(deckId).toCsv();
    }

    private ItemStatsReport report(String deckId) {
        return queries.itemStats(ProgressResource.uuid("deckId", deckId, true)).orElseThrow(() ->
                ProblemException.notFound("progress-service has neither a published version of deck " + deckId
                        + " nor an answer to it"));
    }
}
