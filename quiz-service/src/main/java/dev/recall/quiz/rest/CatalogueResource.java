package dev.recall.quiz.rest;

import dev.recall.kit.problem.ProblemException;
import dev.recall.quiz.catalogue.Catalogue;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/catalogue")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogueResource {
    @Inject
    Catalogue catalogue;

    @GET
    @Path("/{deckId}")
    @Operation(summary = "The published versions of a deck that quiz-service has received")
    public List<Catalogue.VersionSummary> versions(@PathParam("deckId") UUID deckId) {
        List<Catalogue.VersionSummary> versions = catalogue.versions(deckId);
        if (versions.isEmpty()) {
            throw ProblemException.notFound("quiz-service has no published version of deck " + deckId + " yet");
        }
        return versions;
    }
}
