package org.policyreach.serving.auth;

import java.util.Locale;
import java.util.Set;

/** Who calls the API. {@link #ADMIN} may call every route. */
public enum Role {
  PORTAL,
  OFFICER,
  ADMIN;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True if a caller with this role may call a route open to {@code allowed}. */
  public boolean mayCall(Set<Role> allowed) {
    return this == ADMIN || allowed.contains(this);
  }

  /** Parses {@code portal}, {@code officer} or {@code admin}; null if unknown. */
  public static Role ofId(String id) {
    for (Role r : values()) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    return null;
  }
}
