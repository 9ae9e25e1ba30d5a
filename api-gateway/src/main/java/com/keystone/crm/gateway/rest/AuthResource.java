package com.keystone.crm.gateway.rest;

import com.keystone.crm.gateway.service.Authenticator;
import com.keystone.crm.gateway.service.Credentials;
import com.keystone.crm.gateway.service.LoginThrottle;
import com.keystone.crm.gateway.service.TooManyAttemptsException;
import com.keystone.crm.gateway.service.TokenPair;
import com.keystone.crm.platform.chassis.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.time.Instant;

/** /auth: login, refresh-token rotation, logout, the caller's profile, password change and reset, TOTP enrolment. */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {
    private final Authenticator auth;
    private final Credentials credentials;
    private final LoginThrottle throttle;
    private final Caller caller;
    private final JsonWebToken jwt;
    private final HttpServerRequest request;

    public AuthResource(Authenticator auth, Credentials credentials, LoginThrottle throttle, Caller caller, JsonWebToken jwt, HttpServerRequest request) {
        this.auth = auth;
        this.credentials = credentials;
        this.throttle = throttle;
        this.caller = caller;
        this.jwt = jwt;
        this.request = request;
    }

    @POST
    @Path("/login")
    public Uni<TokenPair> login(@Valid @NotNull LoginRequest login) {
        return auth.login(login.email(), login.password(), login.totpCode(), login.recoveryCode(), ClientAddress.of(request));
    }

    @POST
    @Path("/refresh")
    public Uni<TokenPair> refresh(@Valid @NotNull RefreshRequest refresh) {
        return auth.refresh(refresh.refreshToken(), ClientAddress.of(request));
    }

    @POST
    @Path("/logout")
    @Authenticated
    public Uni<Response> logout(@Valid LogoutRequest logout) {
        Object sid = jwt.getClaim("sid");
        String session = sid == null ? null : sid.toString();
        if (session != null && session.length() >= 2 && session.startsWith("\"") && session.endsWith("\"")) {
            session = session.substring(1, session.length() - 1);   // a JsonString claim prints with its quotes
        }
        return auth.logout(caller.tenantId(), caller.userId(), jwt.getTokenID(), session,
                        Instant.ofEpochSecond(jwt.getExpirationTime()),
                        logout == null ? null : logout.refreshToken(), ClientAddress.of(request))
                .replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/password")
    @Authenticated
    public Uni<Response> change(@Valid @NotNull PasswordChangeRequest body) {
        return credentials.change(caller.tenantId(), caller.userId(), body.currentPassword(), body.newPassword(), ClientAddress.of(request))
                .replaceWith(Response.noContent().build());
    }

    /** 202 whether or not the e-mail is known; the link goes out by e-mail (notification.requested). */
    @POST
    @Path("/password-reset")
    public Uni<Response> requestReset(@Valid @NotNull PasswordResetRequest body) {
        Duration wait = throttle.attemptFrom(ClientAddress.of(request));
        if (!wait.isZero()) {
            throw new TooManyAttemptsException(wait);
        }
        return credentials.requestReset(body.email(), ClientAddress.of(request)).replaceWith(Response.accepted().build());
    }

    @POST
    @Path("/password-reset/confirm")
    public Uni<Response> confirmReset(@Valid @NotNull PasswordResetConfirmation body) {
        return credentials.confirmReset(body.token(), body.newPassword(), ClientAddress.of(request)).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/totp/enrolment")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    public Uni<Credentials.TotpEnrolment> enrol() {
        return credentials.enrolTotp(caller.tenantId(), caller.userId());
    }

    @POST
    @Path("/totp/activation")
    @Authenticated
    public Uni<Response> activate(@Valid @NotNull TotpCodeRequest body) {
        return credentials.activateTotp(caller.tenantId(), caller.userId(), body.code(), ClientAddress.of(request)).replaceWith(Response.noContent().build());
    }

    /** A new set of one-time recovery codes (shown once), confirmed with a current authenticator code. */
    @POST
    @Path("/totp/recovery-codes")
    @Authenticated
    public Uni<Credentials.RecoveryCodeSet> recoveryCodes(@Valid @NotNull TotpCodeRequest body) {
        return credentials.newRecoveryCodes(caller.tenantId(), caller.userId(), body.code(), ClientAddress.of(request));
    }

    @GET
    @Path("/me")
    @Authenticated
    public Uni<UserView> me() {
        return auth.me(caller.tenantId(), caller.userId()).map(UserView::of);
    }
}
