package org.policyreach.serving.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.policyreach.core.Program;
import org.policyreach.serving.ServingException;
import org.policyreach.serving.http.ApiRequest;
import org.policyreach.serving.http.ApiResponse;
import org.policyreach.serving.http.Json;
import org.policyreach.serving.push.CampaignDesk;
import org.policyreach.serving.snapshot.Snapshot;

/**
 * Officer routes for push campaigns. The server has no Spark, so creating ({@code push plan}) and
 * sending ({@code push send}) are requests it queues for {@code policyreach push worker}; it
 * answers 202 with the request, whose state the page follows. Campaigns are read from the status
 * files the push commands write (counts per arm, channel and delivery status, and the uplift
 * read-out; never a firm's contact data).
 */
public final class CampaignsApi {
  /** The largest campaign the page may ask for (the CLI has no cap). */
  public static final int MAX_FIRMS = 100_000;

  private static final List<String> CHANNELS = List.of("inbox", "email", "post");
  private static final Set<String> CREATE_FIELDS = Set.of("program_id", "channels", "max");

  private final ServingContext ctx;
  private final CampaignDesk desk;

  public CampaignsApi(ServingContext ctx, CampaignDesk desk) {
    this.ctx = ctx;
    this.desk = desk;
  }

  public ApiResponse list(ApiRequest r) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("campaigns", desk.campaigns().stream().map(this::withProgramName).toList());
    List<ObjectNode> open = new ArrayList<>();
    for (ObjectNode q : desk.requestList()) {
      String state = q.path("state").asText();
      // the queue as it stands: waiting and running requests, and the last failures
      if (!state.equals("done") && open.size() < 50) {
        open.add(q);
      }
    }
    body.put("requests", open);
    return ApiResponse.ok(body);
  }

  public ApiResponse one(ApiRequest r) {
    String id = r.pathParam("id");
    JsonNode c = desk.campaign(id).orElseThrow(() -> unknownCampaign(id));
    ObjectNode body = withProgramName(c);
    List<ObjectNode> requests = new ArrayList<>();
    for (ObjectNode q : desk.requestList()) {
      if (id.equals(q.path("campaign_id").asText(null))) {
        requests.add(q);
      }
    }
    body.set("requests", Json.MAPPER.valueToTree(requests));
    return ApiResponse.ok(body);
  }

  public ApiResponse request(ApiRequest r) {
    String id = r.pathParam("id");
    ObjectNode q =
        desk.request(id)
            .orElseThrow(
                () ->
                    ServingException.notFound(
                        "REQUEST_UNKNOWN",
                        "Campaign request '"
                            + id
                            + "' is unknown: POST /v1/campaigns answers with the request_id to"
                            + " follow; GET /v1/campaigns lists the open ones"));
    return ApiResponse.ok(q);
  }

  /** {@code POST /v1/campaigns}: validate and queue a plan. */
  public ApiResponse create(ApiRequest r) {
    JsonNode in = Json.readTree(r.body());
    if (!in.isObject()) {
      throw ServingException.badRequest(
          "INVALID_JSON",
          "Send one object: {\"program_id\": \"…\", \"channels\": [\"inbox\", \"post\"], \"max\":"
              + " 500}");
    }
    for (Iterator<String> it = in.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!CREATE_FIELDS.contains(f)) {
        throw ServingException.badRequest(
            "INVALID_FIELD",
            "Unknown field '" + f + "': a campaign takes program_id, channels and max");
      }
    }
    JsonNode pid = in.get("program_id");
    if (pid == null || !pid.isTextual() || pid.asText().isBlank()) {
      throw ServingException.badRequest(
          "INVALID_FIELD", "program_id is missing: give a program id from GET /v1/programs");
    }
    String programId = pid.asText().strip();
    Snapshot s = r.snapshot();
    Program program = ctx.programs().find(programId).orElse(null);
    int targets = s.targets().of(programId).size();
    if (program == null) {
      throw ServingException.notFound(
          "PROGRAM_UNKNOWN",
          "Program '"
              + programId
              + "' is not in the program catalog (version "
              + ctx.programs().version()
              + "): pick a program_id from GET /v1/programs");
    }
    if (targets == 0) {
      throw new ServingException(
          409,
          "NO_TARGETS",
          "Program '"
              + programId
              + "' has no target list in publication "
              + s.publicationId()
              + " (its window is not open on the build date, or no firm is eligible): pick a"
              + " program whose targets count in GET /v1/programs is above 0");
    }
    List<String> channels = channels(in.get("channels"));
    Integer max = size(in.get("max"));
    r.audit("export", "campaign_plan");
    r.audit("program_id", programId);
    r.audit("channels", String.join(",", channels));
    r.audit("max", String.valueOf(max));
    r.audit("format", "push_request");
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("action", "plan");
    fields.put("program_id", programId);
    fields.put("channels", channels);
    fields.put("max", max);
    fields.put("requested_by", r.key() == null ? null : r.key().id());
    fields.put("publication", s.publicationId());
    ObjectNode q = desk.submit(fields);
    return ApiResponse.json(202, q)
        .header("Location", "/v1/campaign-requests/" + q.path("request_id").asText());
  }

  /** {@code POST /v1/campaigns/{id}/send}: check the campaign can be sent, queue the send. */
  public ApiResponse send(ApiRequest r) {
    // the body is an empty object: the id is in the path (an empty body is refused like on every
    // POST route, so a stray request cannot send a campaign)
    JsonNode in = Json.readTree(r.body());
    if (!in.isObject() || !in.isEmpty()) {
      throw ServingException.badRequest(
          "INVALID_FIELD",
          "POST /v1/campaigns/{id}/send takes an empty JSON object {} as its body: the campaign is"
              + " named in the path");
    }
    String id = r.pathParam("id");
    r.audit("export", "campaign_send");
    r.audit("format", "push_request");
    JsonNode c = desk.campaign(id).orElseThrow(() -> unknownCampaign(id));
    r.audit("campaign_id", id); // a known id only: the path of a refused call can be anything
    String status = c.path("status").asText("");
    if (status.equals("sent")) {
      throw new ServingException(
          409,
          "CAMPAIGN_ALREADY_SENT",
          "Campaign "
              + id
              + " was already sent ("
              + c.path("sent_at").asText("")
              + ") and is never sent twice: follow its delivery on GET /v1/campaigns/"
              + id
              + ", or create a new campaign with POST /v1/campaigns");
    }
    if (!status.equals("planned") && !status.equals("sending")) {
      throw new ServingException(
          409,
          "CAMPAIGN_NOT_SENDABLE",
          "Campaign "
              + id
              + " has status '"
              + status
              + "' (an imported campaign is a record of a past push): only a planned campaign can"
              + " be sent");
    }
    for (ObjectNode q : desk.requestList()) {
      String state = q.path("state").asText();
      if ("send".equals(q.path("action").asText())
          && id.equals(q.path("campaign_id").asText(null))
          && (state.equals("queued") || state.equals("running"))) {
        // sending is idempotent: a second click while the first send waits gets the same request
        ObjectNode same = q.deepCopy();
        same.put("already_queued", true);
        return ApiResponse.json(202, same)
            .header("Location", "/v1/campaign-requests/" + q.path("request_id").asText());
      }
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("action", "send");
    fields.put("campaign_id", id);
    fields.put("program_id", c.path("program_id").asText(null));
    fields.put("requested_by", r.key() == null ? null : r.key().id());
    ObjectNode q = desk.submit(fields);
    return ApiResponse.json(202, q)
        .header("Location", "/v1/campaign-requests/" + q.path("request_id").asText());
  }

  private static List<String> channels(JsonNode n) {
    if (n == null || n.isNull()) {
      return CHANNELS;
    }
    if (!n.isArray() || n.isEmpty()) {
      throw ServingException.badRequest(
          "INVALID_CHANNELS",
          "channels must be a non-empty array of inbox, email and/or post, e.g. [\"inbox\","
              + " \"post\"]");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      JsonNode c = n.get(i);
      String code = c.isTextual() ? c.asText().strip().toLowerCase(Locale.ROOT) : null;
      if (code == null || !CHANNELS.contains(code)) {
        throw ServingException.badRequest(
            "INVALID_CHANNELS",
            "channels["
                + i
                + "] = "
                + c
                + " is not a channel: use inbox (portal notice), email or post (letter)");
      }
      if (!out.contains(code)) {
        out.add(code);
      }
    }
    out.sort((a, b) -> CHANNELS.indexOf(a) - CHANNELS.indexOf(b));
    return out;
  }

  private static Integer size(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.canConvertToExactIntegral() || !n.isNumber()) {
      throw ServingException.badRequest(
          "INVALID_SIZE",
          "max = "
              + n
              + " is not a whole number of firms: give 1 to "
              + MAX_FIRMS
              + ", or leave it out for the whole target list");
    }
    long v = n.asLong();
    if (v < 1 || v > MAX_FIRMS || !n.canConvertToInt()) {
      throw ServingException.badRequest(
          "INVALID_SIZE",
          "max = "
              + n
              + " is out of range: give 1 to "
              + MAX_FIRMS
              + " firms, or leave it out for the whole target list");
    }
    return (int) v;
  }

  private ObjectNode withProgramName(JsonNode c) {
    ObjectNode o = ((ObjectNode) c).deepCopy();
    String pid = c.path("program_id").asText(null);
    Program p = pid == null ? null : ctx.programs().find(pid).orElse(null);
    o.put("program_name", p == null ? null : p.name());
    return o;
  }

  private static ServingException unknownCampaign(String id) {
    return ServingException.notFound(
        "CAMPAIGN_UNKNOWN",
        "Campaign '"
            + id
            + "' is unknown: GET /v1/campaigns lists the campaigns; create one with POST"
            + " /v1/campaigns");
  }
}
