package org.policyreach.serving.http;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.policyreach.serving.auth.Role;

/**
 * One entry of the route table: method, path template ({@code /v1/companies/{cn}/profile}), the
 * roles that may call it (empty = public), whether a call touches a firm (audited) and needs a
 * loaded snapshot, the endpoint and its documentation.
 */
public record Route(
    String method,
    String template,
    Set<Role> roles,
    boolean audited,
    boolean needsSnapshot,
    Endpoint endpoint,
    RouteDoc doc) {

  public Route {
    requireNonNull(method, "method is null");
    requireNonNull(template, "template is null");
    roles = Set.copyOf(roles);
    requireNonNull(endpoint, "endpoint is null");
    requireNonNull(doc, "doc is null");
  }

  public boolean isPublic() {
    return roles.isEmpty();
  }

  /** The template's segments ({@code {cn}} for a parameter). */
  public List<String> segments() {
    List<String> out = new ArrayList<>();
    for (String s : template.substring(1).split("/", -1)) {
      out.add(s);
    }
    return out;
  }
}
