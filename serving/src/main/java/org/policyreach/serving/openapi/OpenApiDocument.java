package org.policyreach.serving.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.policyreach.serving.auth.Role;
import org.policyreach.serving.http.Route;
import org.policyreach.serving.http.RouteDoc;

/**
 * The OpenAPI 3.1 document, built from the same route table the router dispatches on, so a route
 * cannot exist undocumented (and a documented route cannot be missing).
 */
public final class OpenApiDocument {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private OpenApiDocument() {}

  public static ObjectNode build(List<Route> routes, String version) {
    ObjectNode doc = F.objectNode();
    doc.put("openapi", "3.1.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "PolicyReach API");
    info.put("version", version);
    info.put(
        "description",
        "Push-style support-program recommendations keyed by corporate number (法人番号), profile"
            + " prefill, draft validation and engagement events for the e-application portal;"
            + " target lists and segment reports for officers. Every response names the"
            + " publication that answered it (body field `publication`, header"
            + " `X-PolicyReach-Publication`). Errors: {\"error\": {\"code\", \"message\"}}.");
    doc.putArray("servers").addObject().put("url", "/");
    ObjectNode paths = doc.putObject("paths");
    Map<String, ObjectNode> byPath = new TreeMap<>();
    for (Route r : routes) {
      ObjectNode item = byPath.computeIfAbsent(r.template(), k -> F.objectNode());
      item.set(r.method().toLowerCase(java.util.Locale.ROOT), operation(r));
    }
    byPath.forEach(paths::set);
    ObjectNode components = doc.putObject("components");
    ObjectNode schemes = components.putObject("securitySchemes");
    ObjectNode bearer = schemes.putObject("bearerAuth");
    bearer.put("type", "http");
    bearer.put("scheme", "bearer");
    bearer.put(
        "description",
        "API key as a bearer token. Keys are configured (SHA-256 hashed) with a role: portal,"
            + " officer or admin (admin may call every route).");
    components.set("schemas", Schemas.all());
    return doc;
  }

  private static ObjectNode operation(Route r) {
    RouteDoc d = r.doc();
    ObjectNode op = F.objectNode();
    op.putArray("tags").add(d.tag());
    op.put("summary", d.summary());
    op.put("description", d.description());
    op.put("operationId", operationId(r));
    ArrayNode security = op.putArray("security");
    if (!r.isPublic()) {
      security.addObject().putArray("bearerAuth");
      ArrayNode roles = op.putArray("x-roles");
      r.roles().stream().map(Role::id).sorted().forEach(roles::add);
    }
    if (!d.params().isEmpty()) {
      ArrayNode params = op.putArray("parameters");
      for (RouteDoc.Param p : d.params()) {
        ObjectNode n = params.addObject();
        n.put("name", p.name());
        n.put("in", p.in());
        n.put("required", p.required());
        n.put("description", p.description());
        n.putObject("schema").put("type", p.type());
      }
    }
    if (d.requestSchema() != null) {
      ObjectNode body = op.putObject("requestBody");
      body.put("required", true);
      body.put("description", "JSON, UTF-8, at most 1 MB");
      body.putObject("content")
          .putObject("application/json")
          .putObject("schema")
          .put("$ref", "#/components/schemas/" + d.requestSchema());
    }
    ObjectNode responses = op.putObject("responses");
    new TreeMap<>(d.responses())
        .forEach(
            (status, description) -> {
              ObjectNode resp = responses.putObject(Integer.toString(status));
              resp.put("description", description);
              String schema = status < 300 ? d.responseSchema() : "Error";
              if (schema != null) {
                ObjectNode content = resp.putObject("content");
                String type = schema.equals("PrometheusText") ? "text/plain" : "application/json";
                content
                    .putObject(type)
                    .putObject("schema")
                    .put("$ref", "#/components/schemas/" + schema);
                if (status < 300) {
                  for (String extra : d.extraContentTypes()) {
                    content.putObject(extra).putObject("schema").put("type", "string");
                  }
                }
              }
            });
    return op;
  }

  private static String operationId(Route r) {
    StringBuilder sb = new StringBuilder(r.method().toLowerCase(java.util.Locale.ROOT));
    for (String seg : r.template().split("[/{}.\\-]")) {
      if (!seg.isEmpty()) {
        sb.append(Character.toUpperCase(seg.charAt(0))).append(seg.substring(1));
      }
    }
    return sb.toString().replace("_", "");
  }
}
