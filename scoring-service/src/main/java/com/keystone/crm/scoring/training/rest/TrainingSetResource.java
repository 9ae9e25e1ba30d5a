package com.keystone.crm.scoring.training.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.scoring.training.service.TrainingSetService;
import com.keystone.crm.scoring.training.service.TrainingSetView;
import com.keystone.crm.scoring.training.service.UploadSpec;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Historical training sets: /api/v1/training-sets (admins). A CSV export with a label column: multipart
 * ({@code file} and an optional JSON {@code spec}: label, positiveLabel, roles, protectedColumns, allowLeakage,
 * train) or a text/csv body with query parameters. 201 with the data report and the queued training run.
 */
@Path("/api/v1/training-sets")
@RolesAllowed(Caller.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class TrainingSetResource {
    static final String TEXT_CSV = "text/csv";

    private final TrainingSetService sets;
    private final Caller caller;
    private final ObjectReader specReader;

    public TrainingSetResource(TrainingSetService sets, Caller caller, ObjectMapper mapper) {
        this.sets = sets;
        this.caller = caller;
        // the spec is read strictly: a repeated or unknown key is a mistake, not something to guess about
        this.specReader = mapper.readerFor(UploadSpec.class).with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<Response> uploadMultipart(@RestForm("file") FileUpload file, @RestForm("spec") String spec, UriInfo uri) {
        if (file == null) {
            throw new ProblemException(Problem.of("file-missing", "Bad Request", 400, "Send the CSV as the part 'file'")
                    .withErrors(List.of(new Problem.FieldError("file", "required"))));
        }
        UploadSpec parsed = parseSpec(spec);
        return sets.upload(caller, file.uploadedFile(), file.size(), file.fileName(), parsed).map(v -> created(uri, v));
    }

    @POST
    @Consumes(TEXT_CSV)
    public Uni<Response> uploadCsv(byte[] content, @QueryParam("label") String label,
                                   @QueryParam("positiveLabel") String positiveLabel,
                                   @QueryParam("protectedColumns") String protectedColumns,
                                   @QueryParam("allowLeakage") String allowLeakage, @QueryParam("train") String train,
                                   UriInfo uri) {
        if (train != null && !train.equals("true") && !train.equals("false")) {
            throw new ProblemException(Problem.of("validation", "Bad Request", 400, "train is true or false")
                    .withErrors(List.of(new Problem.FieldError("train", "must be true or false"))));
        }
        UploadSpec spec = new UploadSpec(label, positiveLabel, null, list(protectedColumns), list(allowLeakage),
                train == null || Boolean.parseBoolean(train));
        return sets.upload(caller, content, null, spec).map(v -> created(uri, v));
    }

    @GET
    @Path("/{id}")
    public Uni<TrainingSetView> get(@PathParam("id") String id) {
        try {
            return sets.get(caller, UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Training set " + id);
        }
    }

    private UploadSpec parseSpec(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new ProblemException(Problem.of("validation", "Bad Request", 400, "Send the spec part (at least the label)")
                    .withErrors(List.of(new Problem.FieldError("spec", "required"))));
        }
        try {
            return specReader.readValue(spec);
        } catch (JsonProcessingException e) {
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    ? "spec." + m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")) : "spec";
            throw new ProblemException(Problem.of("malformed-spec", "Bad Request", 400, "The spec is not valid: "
                    + e.getOriginalMessage()).withErrors(List.of(new Problem.FieldError(field, e.getOriginalMessage()))));
        }
    }

    private static Set<String> list(String csv) {
        if (csv == null || csv.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Response created(UriInfo uri, TrainingSetView v) {
        return Response.created(uri.getBaseUriBuilder().path("api/v1/training-sets").path(v.id().toString()).build())
                .entity(v).build();
    }
}
