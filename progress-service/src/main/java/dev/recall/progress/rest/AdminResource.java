package dev.recall.progress.rest;

import dev.recall.progress.projection.ProjectionConsumer;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    ProjectionConsumer consumer;

    @GET
    @Path("/projection")
    @Operation(summary = "The projection consumer's state and counters since this instance started")
    public ProjectionConsumer.Status projection() {
        return consumer.status();
    }
}
