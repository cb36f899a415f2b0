package org.policyreach.serving.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.policyreach.core.CorporateNumber;
import org.policyreach.core.DomainException;
import org.policyreach.core.EventType;
import org.policyreach.serving.ServingException;
import org.policyreach.serving.events.EventLog;
import org.policyreach.serving.events.LandingEvent;
import org.policyreach.serving.http.ApiRequest;
import org.policyreach.serving.http.ApiResponse;
import org.policyreach.serving.http.Json;

/**
 * {@code POST /v1/events}: one event or an array of up to {@link #MAX_EVENTS} (INPUT-FORMATS §5).
 * All are validated first (one bad event refuses the call, naming its index); then the new ones are
 * appended to the landing log and forced to disk before the 202. An event id already received is
 * acknowledged again without being written twice. Opt-out/opt-in take effect for the next request
 * on this server and within {@link org.policyreach.serving.events.EventLog#followEvery()} on the
 * others sharing the landing folder; consent is ordered by the time a server received it, and
 * {@code at} must lie between {@link #MAX_AT_BEHIND} before and {@link #MAX_AT_AHEAD} after the
 * server clock (see {@link org.policyreach.serving.events.ConsentRegistry}).
 */
public final class EventsApi {
  public static final int MAX_EVENTS = 500;
  public static final int MAX_ID_LENGTH = 128;

  /** How far ahead of the server clock {@code at} may be (clock skew of the portal). */
  public static final Duration MAX_AT_AHEAD = Duration.ofMinutes(5);

  /** How far behind the server clock {@code at} may be (a client's retries after an outage). */
  public static final Duration MAX_AT_BEHIND = Duration.ofDays(30);

  private final ServingContext ctx;

  public EventsApi(ServingContext ctx) {
    this.ctx = ctx;
  }

  /** One event as sent. */
  public record EventIn(
      @JsonProperty("event_id") String eventId,
      @JsonProperty("corporate_number") String corporateNumber,
      @JsonProperty("program_id") String programId,
      @JsonProperty("type") String type,
      @JsonProperty("at") String at,
      @JsonProperty("channel") String channel) {}

  public ApiResponse post(ApiRequest r) {
    JsonNode root = Json.readTree(r.body());
    List<JsonNode> nodes = new ArrayList<>();
    boolean array = root.isArray();
    if (array) {
      root.forEach(nodes::add);
      if (nodes.isEmpty()) {
        throw ServingException.badRequest(
            "INVALID_FIELD", "The event array is empty: send at least one event");
      }
      if (nodes.size() > MAX_EVENTS) {
        throw ServingException.badRequest(
            "BATCH_TOO_LARGE",
            "The call carries "
                + nodes.size()
                + " events; the limit is "
                + MAX_EVENTS
                + ": split it");
      }
    } else if (root.isObject()) {
      nodes.add(root);
    } else {
      throw ServingException.badRequest(
          "INVALID_JSON", "Send one event object or an array of event objects");
    }
    List<LandingEvent> events = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      String where = array ? "event [" + i + "]" : "event";
      EventIn in = Json.convert(nodes.get(i), EventIn.class, where);
      events.add(validate(r, in, where));
    }
    EventLog.Appended done = ctx.events().append(events);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("publication", r.snapshot() == null ? null : r.snapshot().publicationId());
    body.put("accepted", done.accepted());
    body.put("duplicates", done.duplicates());
    return ApiResponse.json(202, body);
  }

  private LandingEvent validate(ApiRequest r, EventIn in, String where) {
    String id = in.eventId() == null ? null : in.eventId().strip();
    if (id == null || id.isEmpty()) {
      throw missing(where, "event_id", "a unique id per event (the same id is accepted once)");
    }
    if (id.length() > MAX_ID_LENGTH || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw ServingException.badRequest(
          "INVALID_FIELD",
          where + ": event_id must be 1 to " + MAX_ID_LENGTH + " printable ASCII characters");
    }
    if (in.corporateNumber() == null) {
      throw missing(where, "corporate_number", "the firm's 13-digit 法人番号");
    }
    CorporateNumber cn;
    try {
      cn = CorporateNumber.parse(in.corporateNumber());
      r.touched(cn.value());
    } catch (DomainException e) {
      r.touched(null);
      throw ServingException.badRequest("INVALID_CORPORATE_NUMBER", where + ": " + e.getMessage());
    }
    if (in.type() == null) {
      throw missing(
          where,
          "type",
          "impression, click, dismiss, apply, opt_out, opt_in, notice_opened or notice_clicked");
    }
    EventType type;
    try {
      type = EventType.parse(in.type());
    } catch (DomainException e) {
      throw ServingException.badRequest("INVALID_FIELD", where + ": " + e.getMessage());
    }
    String program =
        in.programId() == null || in.programId().isBlank() ? null : in.programId().strip();
    boolean consent = type == EventType.OPT_OUT || type == EventType.OPT_IN;
    if (program == null && !consent) {
      throw missing(where, "program_id", "the program the " + type.code() + " is about");
    }
    if (program != null && ctx.programs().find(program).isEmpty()) {
      throw ServingException.badRequest(
          "UNKNOWN_PROGRAM",
          where + ": program_id '" + program + "' is not in the catalog (see /v1/programs)");
    }
    if (in.at() == null) {
      throw missing(
          where, "at", "when it happened, ISO 8601 with offset (2026-11-01T09:00:00+09:00)");
    }
    OffsetDateTime at;
    try {
      at = OffsetDateTime.parse(in.at().strip());
    } catch (DateTimeParseException e) {
      throw ServingException.badRequest(
          "INVALID_FIELD",
          where
              + ": at='"
              + in.at()
              + "' is not an ISO 8601 time with offset: write it like 2026-11-01T09:00:00+09:00");
    }
    Instant now = ctx.clock().instant();
    if (at.toInstant().isAfter(now.plus(MAX_AT_AHEAD))) {
      throw ServingException.badRequest(
          "INVALID_FIELD",
          where
              + ": at='"
              + in.at()
              + "' is more than "
              + MAX_AT_AHEAD.toMinutes()
              + " minutes ahead of the server clock ("
              + now
              + "): send the time the event happened");
    }
    if (at.toInstant().isBefore(now.minus(MAX_AT_BEHIND))) {
      throw ServingException.badRequest(
          "INVALID_FIELD",
          where
              + ": at='"
              + in.at()
              + "' is more than "
              + MAX_AT_BEHIND.toDays()
              + " days before the server clock ("
              + now
              + "): events that old are not accepted");
    }
    String channel =
        in.channel() == null || in.channel().isBlank() ? "portal" : in.channel().strip();
    if (channel.length() > 32) {
      throw ServingException.badRequest(
          "INVALID_FIELD", where + ": channel is longer than 32 characters");
    }
    return new LandingEvent(id, cn.value(), program, type, at, channel, now);
  }

  private static ServingException missing(String where, String field, String what) {
    return ServingException.badRequest(
        "MISSING_FIELD", where + ": field '" + field + "' is required: " + what);
  }
}
