package org.policyreach.serving.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The component schemas of the OpenAPI document (request and response shapes). */
final class Schemas {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Schemas() {}

  static ObjectNode all() {
    ObjectNode s = F.objectNode();
    s.set(
        "Error",
        obj(
            "error",
            obj(
                "code", str("stable code, e.g. INVALID_CORPORATE_NUMBER, FIRM_UNKNOWN"),
                "message", str("what is wrong and what to do"),
                "request_id", str("quote this when reporting a problem")),
            "publication",
            nullable(str("publication being served, if any"))));
    ObjectNode reason =
        obj("code", str("reason code, e.g. NEED_MATCH"), "message", str("Japanese text"));
    s.set("Reason", reason);
    s.set(
        "Recommendation",
        obj(
            "program_id", str(null),
            "name", nullable(str("Japanese program name")),
            "score", num(),
            "rank", integer(),
            "reasons", array(ref("Reason")),
            "deadline", nullable(date()),
            "days_left", nullable(integer()),
            "opens", date(),
            "url", nullable(str(null))));
    s.set(
        "FirmRecommendations",
        obj(
            "corporate_number", str("13 digits"),
            "publication", str(null),
            "source", enumOf("snapshot", "cold_start"),
            "opted_out", bool("true: the firm opted out; the list is empty"),
            "recommendations", array(ref("Recommendation"))));
    s.set(
        "Notices",
        obj(
            "corporate_number", str("13 digits"),
            "opted_out", bool("true: the firm opted out; no notice is shown"),
            "notices",
                array(
                    obj(
                        "notice_id", str("the contact id of the delivery"),
                        "campaign_id", str(null),
                        "program_id", nullable(str(null)),
                        "program_name", nullable(str("Japanese program name")),
                        "message", nullable(str("Japanese text with the reasons and deadline")),
                        "deadline", nullable(date()),
                        "url", nullable(str(null)),
                        "sent_at", str("ISO 8601 instant")))));
    s.set(
        "BatchRequest",
        required(
            obj(
                "corporate_numbers", array(str("any common form")).put("maxItems", 100),
                "limit", integer()),
            "corporate_numbers"));
    s.set(
        "BatchResponse",
        obj(
            "publication",
            str(null),
            "results",
            array(
                obj(
                    "corporate_number", str(null),
                    "input", str("the raw input, for an invalid number"),
                    "status", integer(),
                    "source", str(null),
                    "opted_out", bool(null),
                    "recommendations", array(ref("Recommendation")),
                    "error", obj("code", str(null), "message", str(null))))));
    ObjectNode attribute =
        obj(
            "value", F.objectNode(),
            "label", str("Japanese label"),
            "source", nullable(str("registry, firm_attributes, application, legacy, derived")),
            "as_of", nullable(date()));
    s.set("ProfileAttribute", attribute);
    s.set(
        "Profile",
        obj(
            "corporate_number", str(null),
            "publication", str(null),
            "as_of", nullable(date()),
            "opted_out", bool(null),
            "status", str(null),
            "attributes",
                F.objectNode()
                    .put("type", "object")
                    .set("additionalProperties", ref("ProfileAttribute")),
            "reached",
                bool("officer/admin only: the firm has applied to a program before (reached)"),
            "applications", nullable(integer()),
            "awards", nullable(integer()),
            "need_scores",
                F.objectNode()
                    .put("type", "object")
                    .put(
                        "description",
                        "officer/admin only: need id (conf/needs.yaml) → inferred score in [0,1]")
                    .set("additionalProperties", num()),
            "segments",
                nullable(
                        array(
                            obj(
                                "segment_id", str(null),
                                "kind", enumOf("rule", "cluster"),
                                "label_ja", str(null),
                                "label_en", nullable(str(null)))))
                    .put(
                        "description",
                        "officer/admin only: segments the firm belongs to (null: membership not"
                            + " published)")));
    s.set(
        "Application",
        obj(
            "application_id", str(null),
            "program_id", str(null),
            "submitted_at", str("ISO 8601 with offset"),
            "status", str(null),
            "decided_at", nullable(str(null)),
            "applicant",
                obj(
                    "corporate_number", str(null),
                    "name", str(null),
                    "prefecture_code", str(null),
                    "city", str(null),
                    "address", str(null),
                    "jsic_division", str(null),
                    "capital_yen", integer(),
                    "employees", integer(),
                    "established", str("date, ISO or wareki")),
            "requested_amount_yen", integer(),
            "awarded_amount_yen", nullable(integer()),
            "purpose", str(null),
            "purpose_tags", array(str(null)),
            "attachments",
                array(obj("type", str(null), "file_name", str(null), "sha256", str(null))),
            "contact", obj("name", str(null), "email", str(null), "phone", str(null))));
    s.set(
        "ValidationResult",
        obj(
            "publication", str(null),
            "valid", bool("no finding of severity error"),
            "corporate_number", nullable(str(null)),
            "program_id", nullable(str(null)),
            "checked_on", date(),
            "findings",
                array(
                    obj(
                        "code",
                            enumOf(
                                "INVALID_CORPORATE_NUMBER",
                                "MISSING_FIELD",
                                "INVALID_FIELD",
                                "UNKNOWN_PROGRAM",
                                "WINDOW_CLOSED",
                                "WINDOW_NOT_OPEN",
                                "NOT_ELIGIBLE",
                                "MISSING_ATTACHMENT",
                                "AMOUNT_OVER_MAX",
                                "MISMATCH_WITH_REGISTRY",
                                "FIRM_UNKNOWN"),
                        "severity", enumOf("error", "warning"),
                        "field", str(null),
                        "message", str("Japanese"),
                        "rule", str("NOT_ELIGIBLE: the failed rule"),
                        "expected", str(null),
                        "actual", str(null),
                        "attachment_type", str("MISSING_ATTACHMENT: the type"),
                        "declared", str(null),
                        "registry", str(null)))));
    ObjectNode event =
        required(
            obj(
                "event_id",
                str("unique; the same id is accepted once"),
                "corporate_number",
                str(null),
                "program_id",
                nullable(str("required except for opt_out/opt_in")),
                "type",
                enumOf(
                    "impression",
                    "click",
                    "dismiss",
                    "apply",
                    "opt_out",
                    "opt_in",
                    "notice_opened",
                    "notice_clicked"),
                "at",
                str(
                    "ISO 8601 with offset; at most 5 minutes ahead of and 30 days behind the"
                        + " server clock (else 400 INVALID_FIELD)"),
                "channel",
                str("default portal")),
            "event_id",
            "corporate_number",
            "type",
            "at");
    s.set("Event", event);
    ObjectNode events = F.objectNode();
    ArrayNode oneOf = events.putArray("oneOf");
    oneOf.add(ref("Event"));
    oneOf.add(array(ref("Event")).put("maxItems", 500));
    s.set("Events", events);
    s.set(
        "EventsAccepted",
        obj("publication", nullable(str(null)), "accepted", integer(), "duplicates", integer()));
    s.set(
        "Programs",
        obj(
            "publication", str(null),
            "catalog_version", str(null),
            "programs",
                array(
                    obj(
                        "program_id", str(null),
                        "name", str(null),
                        "name_en", nullable(str(null)),
                        "family", str(null),
                        "needs", array(str(null)),
                        "opens", date(),
                        "closes", date(),
                        "open", bool(null),
                        "days_left", nullable(integer()),
                        "eligibility", F.objectNode().put("type", "object"),
                        "required_attachments", array(str(null)),
                        "max_amount_yen", integer(),
                        "subsidy_rate", num(),
                        "url", str(null),
                        "summary", nullable(str(null)),
                        "targets", integer()))));
    s.set(
        "Targets",
        obj(
            "publication", str(null),
            "program_id", str(null),
            "name", nullable(str(null)),
            "total", integer(),
            "offset", integer(),
            "limit", integer(),
            "excluded", obj("holdout", integer(), "opted_out", integer()),
            "targets",
                array(
                    obj(
                        "rank", integer(),
                        "corporate_number", str(null),
                        "name", nullable(str(null)),
                        "prefecture_code", nullable(str(null)),
                        "prefecture", nullable(str(null)),
                        "size_class", nullable(str(null)),
                        "score", num(),
                        "reached", bool(null),
                        "reasons", array(ref("Reason"))))));
    ObjectNode segment =
        obj(
            "segment_id", str(null),
            "kind", enumOf("rule", "cluster"),
            "label_ja", str(null),
            "label_en", nullable(str(null)),
            "definition", nullable(str(null)),
            "size",
                nullable(
                    integer()
                        .put(
                            "description",
                            "member firms; null below report.min_cell (small-cell suppression)")),
            "size_suppressed", bool(null),
            "unreached_share",
                nullable(
                    num()
                        .put(
                            "description",
                            "share of members never reached, from the published report's reach"
                                + " cells; null when suppressed")),
            "previous",
                nullable(
                        obj(
                            "publication", str(null),
                            "build_id", str(null),
                            "label_ja", nullable(str(null)),
                            "size", nullable(integer()),
                            "unreached_share", nullable(num())))
                    .put(
                        "description",
                        "the same segment in the previous publication's build; null when there"
                            + " is none or the segment was not in it"));
    s.set("Segment", segment);
    s.set(
        "Segments",
        obj(
            "publication", str(null),
            "build_id", str(null),
            "previous_publication",
                nullable(
                    obj(
                        "publication",
                        str(null),
                        "build_id",
                        str(null),
                        "as_of",
                        nullable(date()))),
            "segments", array(ref("Segment"))));
    s.set(
        "SegmentReport",
        obj(
            "publication", str(null),
            "segment", ref("Segment"),
            "report",
                array(
                    obj(
                        "section", str("report section, e.g. needs, programs, prefectures"),
                        "dimension", nullable(str(null)),
                        "key", str(null),
                        "count", nullable(integer()),
                        "value", nullable(num()),
                        "suppressed", bool("small cells carry no count or value")))));
    s.set(
        "Health",
        obj(
            "status", enumOf("ok", "ready", "not_ready", "degraded"),
            "publication", nullable(str(null)),
            "build_id", nullable(str(null)),
            "as_of", nullable(date()),
            "loaded_at", nullable(str(null)),
            "message", str(null)));
    ObjectNode arms = obj("treated", integer(), "holdout", integer());
    ObjectNode readout =
        obj(
            "treated", integer(),
            "holdout", integer(),
            "treated_applied", integer(),
            "holdout_applied", integer(),
            "treated_rate", nullable(num()),
            "holdout_rate", nullable(num()),
            "uplift", nullable(num()),
            "ci95", nullable(array(num())));
    ObjectNode report = readout.deepCopy();
    ObjectNode reportProps = (ObjectNode) report.get("properties");
    reportProps.set("push_date", nullable(date()));
    reportProps.set("outcomes_to", nullable(date()));
    reportProps.set("never_reached", readout);
    reportProps.set("method", str("newcombe_hybrid_score_95"));
    reportProps.set(
        "delivered", F.objectNode().put("type", "object").put("description", "channel → firms"));
    reportProps.set("bounced", integer());
    s.set(
        "Campaign",
        obj(
            "campaign_id", str(null),
            "program_id", nullable(str(null)),
            "program_name", nullable(str("Japanese program name")),
            "status", enumOf("planned", "sending", "sent", "imported"),
            "publication", str(null),
            "channels", array(enumOf("inbox", "email", "post")),
            "max_firms", nullable(integer()),
            "holdout_share", num(),
            "created_at", str("ISO 8601 instant"),
            "sent_at", nullable(str("ISO 8601 instant")),
            "updated_at", str("when the status file was written"),
            "audience",
                nullable(
                    obj(
                        "targets", integer(),
                        "treated", integer(),
                        "holdout", integer(),
                        "never_reached_treated", integer(),
                        "never_reached_holdout", integer(),
                        "by_channel", obj("inbox", arms, "email", arms, "post", arms),
                        "no_channel", arms)),
            "delivery",
                obj(
                    "by_channel",
                        F.objectNode()
                            .put("type", "object")
                            .put(
                                "description",
                                "channel → ledger status (delivered, sent, bounced, returned) →"
                                    + " treated firms"),
                    "holdout_recorded", integer()),
            "skipped", nullable(F.objectNode().put("type", "object")),
            "report", nullable(report)));
    s.set(
        "Campaigns",
        obj("campaigns", array(ref("Campaign")), "requests", array(ref("CampaignRequest"))));
    s.set(
        "CampaignCreate",
        required(
            obj(
                "program_id", str("a program id of GET /v1/programs with targets > 0"),
                "channels", array(enumOf("inbox", "email", "post")),
                "max", integer().put("minimum", 1).put("maximum", 100000)),
            "program_id"));
    s.set(
        "CampaignRequest",
        obj(
            "request_id", str("req-…"),
            "action", enumOf("plan", "send"),
            "state", enumOf("queued", "running", "done", "failed"),
            "program_id", nullable(str(null)),
            "campaign_id", nullable(str("the campaign (send), or the one the plan created")),
            "channels", array(str(null)),
            "max", nullable(integer()),
            "requested_by", nullable(str("API key id")),
            "requested_at", str("ISO 8601 instant"),
            "already_queued", bool("send: true when this send was already queued or running"),
            "error", nullable(obj("code", str(null), "message", str(null))),
            "result", nullable(F.objectNode().put("type", "object"))));
    s.set("SignIn", required(obj("key", str("an officer or admin API key")), "key"));
    s.set(
        "UiSession",
        obj("key_id", str(null), "role", str(null), "expires_at", str("ISO 8601 instant")));
    s.set("PrometheusText", F.objectNode().put("type", "string"));
    s.set("OpenApi", F.objectNode().put("type", "object"));
    return s;
  }

  private static ObjectNode obj(Object... kv) {
    ObjectNode o = F.objectNode();
    o.put("type", "object");
    ObjectNode props = o.putObject("properties");
    for (int i = 0; i < kv.length; i += 2) {
      props.set((String) kv[i], (ObjectNode) kv[i + 1]);
    }
    return o;
  }

  private static ObjectNode required(ObjectNode o, String... names) {
    ArrayNode r = o.putArray("required");
    for (String n : names) {
      r.add(n);
    }
    return o;
  }

  private static ObjectNode str(String description) {
    ObjectNode o = F.objectNode().put("type", "string");
    if (description != null) {
      o.put("description", description);
    }
    return o;
  }

  private static ObjectNode date() {
    return F.objectNode().put("type", "string").put("format", "date");
  }

  private static ObjectNode integer() {
    return F.objectNode().put("type", "integer");
  }

  private static ObjectNode num() {
    return F.objectNode().put("type", "number");
  }

  private static ObjectNode bool(String description) {
    ObjectNode o = F.objectNode().put("type", "boolean");
    if (description != null) {
      o.put("description", description);
    }
    return o;
  }

  private static ObjectNode nullable(ObjectNode schema) {
    ArrayNode types = F.arrayNode();
    types.add(schema.get("type").asText());
    types.add("null");
    schema.set("type", types);
    return schema;
  }

  private static ObjectNode array(ObjectNode items) {
    ObjectNode o = F.objectNode().put("type", "array");
    o.set("items", items);
    return o;
  }

  private static ObjectNode enumOf(String... values) {
    ObjectNode o = F.objectNode().put("type", "string");
    ArrayNode e = o.putArray("enum");
    for (String v : values) {
      e.add(v);
    }
    return o;
  }

  private static ObjectNode ref(String name) {
    return F.objectNode().put("$ref", "#/components/schemas/" + name);
  }
}
