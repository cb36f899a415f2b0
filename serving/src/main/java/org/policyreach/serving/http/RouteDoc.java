package org.policyreach.serving.http;

import java.util.List;
import java.util.Map;

/**
 * The OpenAPI description of a route, kept beside the route so that the document is built from the
 * same table the router dispatches on.
 *
 * @param requestSchema name of a schema in the components, or null for no body
 * @param responseSchema name of the 2xx response schema, or null
 * @param responses status → description (errors use the shared Error schema)
 */
public record RouteDoc(
    String tag,
    String summary,
    String description,
    List<Param> params,
    String requestSchema,
    String responseSchema,
    Map<Integer, String> responses,
    List<String> extraContentTypes) {

  public RouteDoc {
    params = List.copyOf(params);
    responses = Map.copyOf(responses);
    extraContentTypes = List.copyOf(extraContentTypes);
  }

  /** A path or query parameter. */
  public record Param(String name, String in, boolean required, String type, String description) {
    public static Param path(String name, String description) {
      return new Param(name, "path", true, "string", description);
    }

    public static Param query(String name, String type, String description) {
      return new Param(name, "query", false, type, description);
    }
  }
}
