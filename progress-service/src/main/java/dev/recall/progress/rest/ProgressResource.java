package dev.recall.progress.rest;

import dev.recall.kit.problem.ProblemException;
import dev.recall.progress.mastery.Mastery;
import dev.recall.progress.projection.MasteryQueries;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

@Path("/learners/{learnerId}")
@Produces(MediaType.APPLICATION_JSON)
public class ProgressResource {

    @Inject
    MasteryQueries queries;

    @GET
    @Path("/decks/{deckId}/mastery")
    @Operation(summary = "A learner's mastery of a deck's latest published version, overall and per level")
    public Mastery mastery(@PathParam("learnerId") String learnerId, @PathParam("deckId") UUID deckId,
            @Parameter(description = "a past instant to replay up to; not supported yet")
            @QueryParam("asOf") String asOf) {
        if (asOf != null) {
            // Answering with today's numbers for a past instant would be wrong, so refuse rather than ignore it.
            throw new ProblemException(501, "Not implemented", "asOf is not supported yet; omit it for the "
                    + "current mastery");
        }
        return queries.mastery(learnerId, deckId).orElseThrow(() -> ProblemException.notFound(
                "a published version of deck " + deckId + " has not reached progress-service yet"));
    }
}
