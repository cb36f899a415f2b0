package org.policyreach.serving.api;

import static org.policyreach.serving.auth.Role.OFFICER;
import static org.policyreach.serving.auth.Role.PORTAL;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.policyreach.core.OnBehalfAssertion;
import org.policyreach.serving.auth.ApiKeyRegistry;
import org.policyreach.serving.auth.Role;
import org.policyreach.serving.auth.UiSessions;
import org.policyreach.serving.http.ApiResponse;
import org.policyreach.serving.http.Json;
import org.policyreach.serving.http.Route;
import org.policyreach.serving.http.RouteDoc;
import org.policyreach.serving.http.RouteDoc.Param;
import org.policyreach.serving.http.ServerMetrics;
import org.policyreach.serving.openapi.OpenApiDocument;
import org.policyreach.serving.push.CampaignDesk;
import org.policyreach.serving.snapshot.NoticeBoard;
import org.policyreach.serving.snapshot.SnapshotStore;

/**
 * Every route of the API, with its roles and documentation: the router and OpenAPI both read it.
 */
public final class RouteTable {
  public static final String API_VERSION = "1.0.0";

  private RouteTable() {}

  public static List<Route> build(
      ServingContext ctx,
      SnapshotStore store,
      ServerMetrics metrics,
      ApiKeyRegistry keys,
      UiSessions sessions,
      NoticeBoard board,
      CampaignDesk desk,
      BooleanSupplier auditHealthy) {
    UiSessionApi ui = new UiSessionApi(keys, sessions);
    RecommendationsApi recs = new RecommendationsApi(ctx);
    ProfileApi profile = new ProfileApi(ctx);
    ValidationApi validation = new ValidationApi(ctx);
    EventsApi events = new EventsApi(ctx);
    NoticesApi notices = new NoticesApi(ctx, board);
    OfficerApi officer = new OfficerApi(ctx);
    CampaignsApi campaigns = new CampaignsApi(ctx, desk);
    OperationsApi ops = new OperationsApi(store, metrics, auditHealthy);
    Set<Role> portalOrOfficer = Set.of(PORTAL, OFFICER);
    Set<Role> portal = Set.of(PORTAL);
    Set<Role> officers = Set.of(OFFICER);
    Param onBehalf =
        new Param(
            OnBehalfAssertion.HEADER,
            "header",
            false,
            "string",
            "portal keys: v1.<corporate number>.<expiry, Unix seconds>.<base64url HMAC-SHA256 of"
                + " the rest under the key's on-behalf secret>, for the signed-in firm, expiring"
                + " within "
                + OnBehalfAssertion.MAX_LIFETIME.toMinutes()
                + " minutes");
    Param cn =
        Param.path(
            "cn", "corporate number (法人番号), any common form: 13 digits, hyphens, full-width");

    List<Route> routes = new ArrayList<>();
    routes.add(
        new Route(
            "GET",
            "/v1/companies/{cn}/recommendations",
            portalOrOfficer,
            true,
            true,
            recs::one,
            new RouteDoc(
                "portal",
                "Top-K recommended programs for a firm",
                "The firm's published recommendations with score, reasons (Japanese), deadline,"
                    + " days left and URL. For a firm the publication does not know, pass its"
                    + " attributes (jsic + prefecture + size_class or employees/capital_yen) to get"
                    + " rules-and-peers recommendations computed on the spot; without them the"
                    + " answer is 404 FIRM_UNKNOWN. A firm that opted out gets an empty list.",
                List.of(
                    cn,
                    Param.query(
                        "limit",
                        "integer",
                        "1 to " + RecommendationsApi.MAX_LIMIT + " (default recommend.top_k)"),
                    Param.query("jsic", "string", "new firm: JSIC division letter or name"),
                    Param.query("jsic_major", "string", "new firm: JSIC major group (2 digits)"),
                    Param.query("size_class", "string", "new firm: small_scale, sme or large"),
                    Param.query("employees", "integer", "new firm: employees"),
                    Param.query("capital_yen", "integer", "new firm: capital in yen"),
                    Param.query("prefecture", "string", "new firm: prefecture code or name"),
                    Param.query("established", "string", "new firm: establishment date")),
                null,
                "FirmRecommendations",
                errors(
                    Map.of(
                        200,
                        "recommendations",
                        400,
                        "invalid corporate number or parameter",
                        404,
                        "FIRM_UNKNOWN")),
                List.of())));
    routes.add(
        new Route(
            "POST",
            "/v1/recommendations/batch",
            portalOrOfficer,
            true,
            true,
            recs::batch,
            new RouteDoc(
                "portal",
                "Recommendations for up to " + RecommendationsApi.MAX_BATCH_FIRMS + " firms",
                "One result per requested number, in order, each with its own status (200, 400"
                    + " INVALID_CORPORATE_NUMBER or 404 FIRM_UNKNOWN). More than "
                    + RecommendationsApi.MAX_BATCH_FIRMS
                    + " numbers: 400 BATCH_TOO_LARGE.",
                List.of(),
                "BatchRequest",
                "BatchResponse",
                errors(
                    Map.of(
                        200,
                        "results",
                        400,
                        "malformed body or batch too large",
                        413,
                        "body over 1 MB")),
                List.of())));
    routes.add(
        new Route(
            "GET",
            "/v1/companies/{cn}/profile",
            // portal: form prefill; officer (and admin): the officer UI's firm lookup.
            portalOrOfficer,
            true,
            true,
            profile::profile,
            new RouteDoc(
                "portal",
                "Known firm attributes for form prefill (once-only); the firm view for officers",
                "Roles: portal, officer (admin may call every route). Each attribute with its"
                    + " value, Japanese label, source and as-of date. An officer or admin key"
                    + " also gets the build's targeting view of the firm: reached, applications,"
                    + " awards, need_scores (need id → score in [0,1]) and segments (the"
                    + " segments the firm belongs to; null when the publication has no"
                    + " membership); a portal key never gets these. A firm that opted out gets"
                    + " no attributes and no targeting view. "
                    + ON_BEHALF_TEXT,
                List.of(cn, onBehalf),
                null,
                "Profile",
                errors(
                    Map.of(
                        200,
                        "profile",
                        400,
                        "invalid corporate number",
                        403,
                        FORBIDDEN_OR_ON_BEHALF,
                        404,
                        "FIRM_UNKNOWN",
                        429,
                        RATE_OR_QUOTA)),
                List.of())));
    routes.add(
        new Route(
            "POST",
            "/v1/applications/validate",
            portal,
            true,
            true,
            validation::validate,
            new RouteDoc(
                "portal",
                "Check a draft application",
                "A draft in the applications format; the answer lists findings (check digit,"
                    + " program and window, eligibility rules, required attachments, maximum"
                    + " amount, declared attributes against the registry). A malformed body,"
                    + " unknown field or non-integer amount is a 400. "
                    + ON_BEHALF_TEXT,
                List.of(onBehalf),
                "Application",
                "ValidationResult",
                errors(
                    Map.of(
                        200,
                        "findings",
                        400,
                        "malformed draft",
                        403,
                        FORBIDDEN_OR_ON_BEHALF,
                        413,
                        "body over 1 MB",
                        429,
                        RATE_OR_QUOTA)),
                List.of())));
    routes.add(
        new Route(
            "GET",
            "/v1/companies/{cn}/notices",
            portal,
            true,
            true,
            notices::notices,
            new RouteDoc(
                "portal",
                "Push notices delivered to the firm's portal inbox",
                "The notices of push campaigns delivered to the firm on the inbox channel, newest"
                    + " first: notice id, campaign, program, a short Japanese message with the"
                    + " reasons, deadline, URL and send time. Read from the contact ledger"
                    + " (silver.contacts), polled like the publications: a notice is visible within"
                    + " the poll interval of push send, without a build. A firm that opted out, a"
                    + " holdout firm or a firm never pushed gets an empty list. Report notice_opened"
                    + " / notice_clicked through POST /v1/events. "
                    + ON_BEHALF_TEXT,
                List.of(cn, onBehalf),
                null,
                "Notices",
                errors(
                    Map.of(
                        200,
                        "notices (possibly none)",
                        400,
                        "invalid corporate number",
                        403,
                        FORBIDDEN_OR_ON_BEHALF,
                        429,
                        RATE_OR_QUOTA)),
                List.of())));
    routes.add(
        new Route(
            "POST",
            "/v1/events",
            portal,
            true,
            false,
            events::post,
            new RouteDoc(
                "portal",
                "Engagement events (impression, click, dismiss, apply, opt_out, opt_in, notice_opened, notice_clicked)",
                "One event or an array of up to "
                    + EventsApi.MAX_EVENTS
                    + ". Answered 202 only once the events are durably written to the landing"
                    + " log; an event_id already received is counted as a duplicate, not written"
                    + " again. opt_out suppresses the firm in every response from the next"
                    + " request on; opt_in lifts it.",
                List.of(),
                "Events",
                "EventsAccepted",
                errors(
                    Map.of(
                        202,
                        "stored durably",
                        400,
                        "invalid event",
                        413,
                        "body over 1 MB",
                        503,
                        "log not writable")),
                List.of())));
    routes.add(
        new Route(
            "GET",
            "/v1/programs",
            officers,
            true,
            true,
            officer::programs,
            new RouteDoc(
                "officer",
                "The program catalog",
                "Every program with window, eligibility, attachments, amounts and target count.",
                List.of(),
                null,
                "Programs",
                errors(Map.of(200, "catalog")),
                List.of())));
    routes.add(
        new Route(
            "GET",
            "/v1/programs/{id}/targets",
            officers,
            true,
            true,
            officer::targets,
            new RouteDoc(
                "officer",
                "A program's push target list",
                "Firms in rank order, without holdout firms and firms that opted out. rank is"
                    + " the firm's place in that list (no gaps where those were left out; the"
                    + " filters keep each firm's rank in the whole list). JSON by default; CSV"
                    + " (UTF-8 with BOM, Excel-ready) with Accept: text/csv or format=csv.",
                List.of(
                    Param.path("id", "program id"),
                    Param.query("prefecture", "string", "prefecture code or name"),
                    Param.query("size_class", "string", "small_scale, sme or large"),
                    Param.query(
                        "reached",
                        "boolean",
                        "true: only firms already reached; false: only new ones"),
                    Param.query("format", "string", "json (default) or csv"),
                    Param.query("offset", "integer", "rows to skip"),
                    Param.query(
                        "limit",
                        "integer",
                        "rows (JSON default "
                            + OfficerApi.DEFAULT_TARGET_PAGE
                            + ", max "
                            + OfficerApi.MAX_TARGET_PAGE
                            + "; CSV: all)")),
                null,
                "Targets",
                errors(Map.of(200, "target list", 400, "invalid filter", 404, "PROGRAM_UNKNOWN")),
                List.of("text/csv"))));
    routes.add(
        new Route(
            "GET",
            "/v1/segments",
            officers,
            true,
            true,
            officer::segments,
            new RouteDoc(
                "officer",
                "Segments of the published build",
                "Rule and cluster segments with labels and sizes.",
                List.of(),
                null,
                "Segments",
                errors(Map.of(200, "segments")),
                List.of())));
    routes.add(
        new Route(
            "GET",
            "/v1/segments/{id}",
            officers,
            true,
            true,
            officer::segment,
            new RouteDoc(
                "officer",
                "A segment's report",
                "The report of gold.segment_reports by section; suppressed small cells carry no"
                    + " count or value.",
                List.of(Param.path("id", "segment id")),
                null,
                "SegmentReport",
                errors(Map.of(200, "report", 404, "SEGMENT_UNKNOWN")),
                List.of())));
    Param campaignId = Param.path("id", "campaign id (cmp-…)");
    routes.add(
        new Route(
            "GET",
            "/v1/campaigns",
            officers,
            true,
            true,
            campaigns::list,
            new RouteDoc(
                "officer",
                "Push campaigns and the open campaign requests",
                "Every campaign with a status file (written by push plan, push send, push report"
                    + " and push worker), newest first: program, channels, status (planned,"
                    + " sending, sent, imported), audience counts per arm and channel, delivery"
                    + " per channel and status, and the uplift read-out once one exists. Counts"
                    + " only, never a firm's contact data. requests: the queued, running and failed"
                    + " requests of the page (see POST /v1/campaigns).",
                List.of(),
                null,
                "Campaigns",
                errors(Map.of(200, "campaigns", 503, "no snapshot, or a lakehouse not local")),
                List.of())));
    routes.add(
        new Route(
            "POST",
            "/v1/campaigns",
            officers,
            true,
            true,
            campaigns::create,
            new RouteDoc(
                "officer",
                "Create a campaign (queue push plan)",
                "Validates the program (in the catalog, with a target list in the served"
                    + " publication), the channels and the size, then queues a plan request for"
                    + " policyreach push worker, which freezes the audience with Spark (push plan)."
                    + " Answers 202 with the request; follow it on GET"
                    + " /v1/campaign-requests/{id}: once done it names the campaign_id.",
                List.of(),
                "CampaignCreate",
                "CampaignRequest",
                errors(
                    Map.of(
                        202,
                        "queued",
                        400,
                        "INVALID_FIELD, INVALID_CHANNELS or INVALID_SIZE",
                        404,
                        "PROGRAM_UNKNOWN",
                        409,
                        "NO_TARGETS: the program has no target list in the publication",
                        413,
                        "body over 1 MB")),
                List.of())));
    routes.add(
        new Route(
            "GET",
            "/v1/campaigns/{id}",
            officers,
            true,
            true,
            campaigns::one,
            new RouteDoc(
                "officer",
                "One campaign: audience, delivery and uplift read-out",
                "The campaign's status file (see GET /v1/campaigns) with its requests.",
                List.of(campaignId),
                null,
                "Campaign",
                errors(Map.of(200, "campaign", 404, "CAMPAIGN_UNKNOWN")),
                List.of())));
    routes.add(
        new Route(
            "POST",
            "/v1/campaigns/{id}/send",
            officers,
            true,
            true,
            campaigns::send,
            new RouteDoc(
                "officer",
                "Send a planned campaign (queue push send)",
                "Queues a send request for policyreach push worker (push send: inbox notices,"
                    + " e-mail, the mail-merge file for letters; treated firms only). A campaign"
                    + " whose send stopped half way (status sending) may be sent again: only the"
                    + " rest is delivered. Idempotent: while a send of the campaign is queued or"
                    + " running, the answer is that request (already_queued: true). Body: {}.",
                List.of(campaignId),
                null,
                "CampaignRequest",
                errors(
                    Map.of(
                        202,
                        "queued",
                        404,
                        "CAMPAIGN_UNKNOWN",
                        409,
                        "CAMPAIGN_ALREADY_SENT or CAMPAIGN_NOT_SENDABLE")),
                List.of())));
    routes.add(
        new Route(
            "GET",
            "/v1/campaign-requests/{id}",
            officers,
            true,
            true,
            campaigns::request,
            new RouteDoc(
                "officer",
                "A campaign request's state",
                "queued (waiting for push worker), running, done (campaign_id and the command's"
                    + " JSON in result) or failed (error.code BAD_INPUT, FAILED or"
                    + " INVALID_REQUEST with the message).",
                List.of(Param.path("id", "request id (req-…)")),
                null,
                "CampaignRequest",
                errors(Map.of(200, "request", 404, "REQUEST_UNKNOWN")),
                List.of())));
    routes.add(
        new Route(
            "GET",
            "/healthz",
            Set.of(),
            false,
            false,
            ops::health,
            new RouteDoc(
                "operations",
                "Liveness",
                "200 while the process runs.",
                List.of(),
                null,
                "Health",
                Map.of(200, "alive"),
                List.of())));
    routes.add(
        new Route(
            "GET",
            "/readyz",
            Set.of(),
            false,
            false,
            ops::ready,
            new RouteDoc(
                "operations",
                "Readiness",
                "200 once a publication is loaded, 503 before.",
                List.of(),
                null,
                "Health",
                Map.of(200, "ready", 503, "no snapshot yet, or the audit log cannot be written"),
                List.of())));
    routes.add(
        new Route(
            "GET",
            "/metrics",
            Set.of(),
            false,
            false,
            ops::metrics,
            new RouteDoc(
                "operations",
                "Prometheus metrics",
                "Latency histograms per route template (http_server_requests_seconds), snapshot"
                    + " publication, table versions, age and size, JVM metrics.",
                List.of(),
                null,
                "PrometheusText",
                Map.of(200, "text exposition format"),
                List.of())));
    routes.add(
        new Route(
            "POST",
            "/ui/session",
            Set.of(),
            false,
            false,
            ui::signIn,
            new RouteDoc(
                "ui",
                "Sign the officer UI in",
                "Trades an officer (or admin) key for an HttpOnly, SameSite=Strict session cookie ("
                    + UiSessions.COOKIE
                    + ", "
                    + UiSessions.LIFETIME.toHours()
                    + " h). Cookie-authenticated API calls must carry the "
                    + UiSessions.UI_HEADER
                    + " header.",
                List.of(),
                "SignIn",
                "UiSession",
                Map.of(
                    200,
                    "signed in",
                    400,
                    "malformed body",
                    401,
                    "invalid key",
                    403,
                    "not an officer key",
                    413,
                    "body over 4 KB",
                    415,
                    "not application/json",
                    429,
                    "too many failed sign-ins from this address (Retry-After)"),
                List.of())));
    routes.add(
        new Route(
            "GET",
            "/ui/session",
            Set.of(),
            false,
            false,
            ui::current,
            new RouteDoc(
                "ui",
                "The UI session",
                "Who is signed in and until when.",
                List.of(),
                null,
                "UiSession",
                Map.of(200, "signed in", 401, "not signed in"),
                List.of())));
    routes.add(
        new Route(
            "DELETE",
            "/ui/session",
            Set.of(),
            false,
            false,
            ui::signOut,
            new RouteDoc(
                "ui",
                "Sign the officer UI out",
                "Ends the session and clears the cookie.",
                List.of(),
                null,
                null,
                Map.of(204, "signed out"),
                List.of())));
    AtomicReference<byte[]> openApi = new AtomicReference<>();
    routes.add(
        new Route(
            "GET",
            "/openapi.json",
            Set.of(),
            false,
            false,
            r -> ApiResponse.bytes(200, ApiResponse.JSON, openApi.get()),
            new RouteDoc(
                "operations",
                "This document",
                "OpenAPI 3.1, built from the server's route table.",
                List.of(),
                null,
                "OpenApi",
                Map.of(200, "OpenAPI document"),
                List.of())));
    ObjectNode doc = OpenApiDocument.build(routes, API_VERSION);
    openApi.set(Json.write(doc));
    return List.copyOf(routes);
  }

  /** The statuses every authenticated route may answer, plus the route's own. */
  static final String ON_BEHALF_TEXT =
      "A portal key must send "
          + OnBehalfAssertion.HEADER
          + " for the firm (403 ON_BEHALF_REQUIRED / ON_BEHALF_INVALID otherwise); every key reads"
          + " at most its daily_firm_quota distinct firms a day (429 FIRM_QUOTA_EXCEEDED).";

  static final String FORBIDDEN_OR_ON_BEHALF =
      "the key's role may not call this route, or a portal key sent no valid on-behalf assertion"
          + " for the firm";

  static final String RATE_OR_QUOTA =
      "rate limit exceeded, or the key's daily quota of distinct firms (Retry-After)";

  private static Map<Integer, String> errors(Map<Integer, String> own) {
    java.util.Map<Integer, String> all = new java.util.TreeMap<>(own);
    all.putIfAbsent(400, "malformed request (path, query string or body)");
    all.putIfAbsent(401, "no or unknown API key");
    all.putIfAbsent(403, "the key's role may not call this route");
    all.putIfAbsent(429, "rate limit exceeded (Retry-After)");
    all.putIfAbsent(503, "no snapshot loaded yet (Retry-After)");
    return all;
  }
}
