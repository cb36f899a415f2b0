package org.policyreach.serving.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.util.URIUtil;

/**
 * Matches a request path against the route table, segment by segment. A literal segment beats a
 * parameter, so {@code /v1/recommendations/batch} is never taken for a parameter value.
 */
public final class Router {
  private final List<Route> routes;
  private final List<List<String>> segments = new ArrayList<>();

  public Router(List<Route> routes) {
    this.routes = List.copyOf(routes);
    for (Route r : this.routes) {
      segments.add(r.segments());
    }
  }

  public List<Route> routes() {
    return routes;
  }

  /** A route with the values of its path parameters. */
  public record Match(Route route, Map<String, String> params) {}

  /** What the path resolves to: a match, a path known for other methods (405), or nothing. */
  public record Resolution(Optional<Match> match, Set<String> allowedMethods) {}

  /** A path parameter as typed: percent-escapes (a space, %20) decoded; '+' stays '+'. */
  static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    try {
      return URIUtil.decodePath(segment);
    } catch (RuntimeException e) {
      return segment;
    }
  }

  public Resolution resolve(String method, String path) {
    if (path == null || !path.startsWith("/")) {
      return new Resolution(Optional.empty(), Set.of());
    }
    String[] parts = path.substring(1).split("/", -1);
    Match best = null;
    int bestLiterals = -1;
    Set<String> allowed = new LinkedHashSet<>();
    for (int i = 0; i < routes.size(); i++) {
      List<String> tpl = segments.get(i);
      if (tpl.size() != parts.length) {
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      int literals = 0;
      boolean ok = true;
      for (int s = 0; s < parts.length && ok; s++) {
        String t = tpl.get(s);
        if (t.startsWith("{") && t.endsWith("}")) {
          if (parts[s].isEmpty()) {
            ok = false;
          } else {
            params.put(t.substring(1, t.length() - 1), decode(parts[s]));
          }
        } else if (t.equals(parts[s])) {
          literals++;
        } else {
          ok = false;
        }
      }
      if (!ok) {
        continue;
      }
      Route r = routes.get(i);
      allowed.add(r.method());
      if (r.method().equals(method) && literals > bestLiterals) {
        best = new Match(r, params);
        bestLiterals = literals;
      }
    }
    if (best != null) {
      return new Resolution(Optional.of(best), allowed);
    }
    return new Resolution(Optional.empty(), allowed);
  }
}
