package com.keystone.crm.notification.consent.rest;

import com.keystone.crm.notification.consent.service.SendTimes;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** When messages asked for at given times would go out in the caller's tenant (quiet hours applied); changes nothing. */
@Path("/api/v1/notifications/send-times")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class SendTimesResource {
    /** How far from now a planned send may be (a dry run plans weeks ahead, not years). */
    static final Duration HORIZON = Duration.ofDays(366);

    private final SendTimes sendTimes;
    private final Caller caller;
    private final CrmClock clock;

    public SendTimesResource(SendTimes sendTimes, Caller caller, CrmClock clock) {
        this.sendTimes = sendTimes;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    public Uni<Map<String, List<SendTimes.Answer>>> answer(@Valid @NotNull SendTimesRequest r) {
        List<SendTimes.Question> questions = new ArrayList<>();
        Instant now = clock.now();
        for (int i = 0; i < r.items().size(); i++) {
            SendTimesRequest.Item item = r.items().get(i);
            if (item.at().isBefore(now.minus(HORIZON)) || item.at().isAfter(now.plus(HORIZON))) {
                throw invalid("items[" + i + "].at", "must be within " + HORIZON.toDays() + " days of now");
            }
            if (item.timezone() != null) {
                try {
                    ZoneId.of(item.timezone());
                } catch (DateTimeException e) {
                    throw invalid("items[" + i + "].timezone", "unknown time zone");
                }
            }
            questions.add(new SendTimes.Question(item.channel(), item.category(), item.phone(), item.timezone(),
                    item.leadId(), item.at()));
        }
        return sendTimes.of(caller.tenantId(), questions).map(answers -> Map.of("items", answers));
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of("validation", "Bad Request", 400, "The request has invalid fields")
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }
}
