package org.policyreach.serving.api;

import org.policyreach.core.CorporateNumber;
import org.policyreach.core.DomainException;
import org.policyreach.serving.ServingException;
import org.policyreach.serving.http.ApiRequest;
import org.policyreach.serving.snapshot.Snapshot;

/** Corporate-number handling shared by the endpoints: parsing, audit, consent. */
final class Firms {
  private Firms() {}

  /**
   * Parses {@code raw} with core's rules (any common form) and records it for the audit log; an
   * invalid number is a 400 {@code INVALID_CORPORATE_NUMBER} with core's message.
   */
  static CorporateNumber parse(ApiRequest request, String raw) {
    try {
      CorporateNumber cn = CorporateNumber.parse(raw);
      request.touched(cn.value());
      return cn;
    } catch (DomainException e) {
      request.touched(null);
      throw invalid(e);
    }
  }

  static ServingException invalid(DomainException e) {
    return ServingException.badRequest("INVALID_CORPORATE_NUMBER", e.getMessage());
  }

  static ServingException unknown(CorporateNumber cn, Snapshot s) {
    return ServingException.notFound(
        "FIRM_UNKNOWN",
        "Corporate number "
            + cn.value()
            + " is valid but not in publication "
            + s.publicationId()
            + ". For a new firm, pass its attributes (jsic, prefecture, and size_class or"
            + " employees/capital_yen) as query parameters to get rules-and-peers"
            + " recommendations");
  }

  /** True if the firm must not appear in any response (opted out, here or in the build). */
  static boolean suppressed(ServingContext ctx, Snapshot s, String cn13) {
    int slot = s.firms().slotOf(cn13);
    boolean built = slot >= 0 && s.firms().optedOut(slot);
    return ctx.events().consent().suppressed(cn13, built, s.publication().createdAt());
  }
}
