package org.policyreach.serving.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.policyreach.core.CorporateNumber;
import org.policyreach.core.Jsic;
import org.policyreach.core.Prefecture;
import org.policyreach.core.SizeClass;
import org.policyreach.core.WarekiDate;
import org.policyreach.serving.auth.Role;
import org.policyreach.serving.http.ApiRequest;
import org.policyreach.serving.http.ApiResponse;
import org.policyreach.serving.snapshot.FirmTable;
import org.policyreach.serving.snapshot.SegmentCatalog;
import org.policyreach.serving.snapshot.Snapshot;

/**
 * {@code GET /v1/companies/{cn}/profile}: what the government already knows about the firm, for
 * prefilling an application form (once-only principle), each attribute with its source and as-of
 * date. A firm that opted out gets no attributes.
 *
 * <p>Who sees what: the {@code portal} role gets the prefill attributes only. The {@code officer}
 * role (and {@code admin}), for the officer UI's firm lookup, also gets the build's view of the
 * firm: reach ({@code reached}, {@code applications}, {@code awards}), the inferred {@code
 * need_scores} and the {@code segments} it belongs to. Those are model outputs for targeting, not
 * facts a firm declared, so they are not handed to the application portal.
 */
public final class ProfileApi {
  private final ServingContext ctx;

  public ProfileApi(ServingContext ctx) {
    this.ctx = ctx;
  }

  public ApiResponse profile(ApiRequest r) {
    Snapshot s = r.snapshot();
    CorporateNumber cn = Firms.parse(r, r.pathParam("cn"));
    FirmTable f = s.firms();
    int slot = f.slotOf(cn.value());
    if (slot < 0) {
      throw Firms.unknown(cn, s);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("corporate_number", cn.value());
    body.put("publication", s.publicationId());
    body.put("as_of", s.publication().asOf() == null ? null : s.publication().asOf().toString());
    boolean suppressed = Firms.suppressed(ctx, s, cn.value());
    body.put("opted_out", suppressed);
    Map<String, Object> attrs = new LinkedHashMap<>();
    body.put("attributes", attrs);
    if (suppressed) {
      return ApiResponse.ok(body);
    }
    put(attrs, f, slot, "name", f.name(slot), null);
    String pref = f.prefectureCode(slot);
    put(attrs, f, slot, "prefecture_code", pref, pref == null ? null : prefectureName(pref));
    String jsic = f.jsicDivision(slot);
    put(attrs, f, slot, "jsic_division", jsic, jsic == null ? null : jsicName(jsic));
    put(attrs, f, slot, "jsic_major", f.jsicMajor(slot), null);
    put(attrs, f, slot, "capital_yen", f.capitalYen(slot), null);
    put(attrs, f, slot, "employees", f.employees(slot), null);
    LocalDate est = f.established(slot);
    put(
        attrs,
        f,
        slot,
        "established",
        est == null ? null : est.toString(),
        est == null ? null : wareki(est));
    String size = f.sizeClass(slot);
    if (size != null) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("value", size);
      a.put("label", sizeLabel(size));
      a.put("source", "derived");
      a.put("as_of", body.get("as_of"));
      attrs.put("size_class", a);
    }
    if (f.status(slot) != null) {
      body.put("status", f.status(slot));
    }
    if (seesTargetingView(r)) {
      putTargetingView(body, s, f, slot);
    }
    return ApiResponse.ok(body);
  }

  /** Officers and admins; never the portal. */
  static boolean seesTargetingView(ApiRequest r) {
    return r.key() != null && (r.key().role() == Role.OFFICER || r.key().role() == Role.ADMIN);
  }

  private static void putTargetingView(
      Map<String, Object> body, Snapshot s, FirmTable f, int slot) {
    body.put("reached", f.reached(slot));
    body.put("applications", f.applications(slot));
    body.put("awards", f.awards(slot));
    body.put("need_scores", f.needScores(slot));
    SegmentCatalog catalog = s.segments();
    if (!catalog.hasMembership()) {
      body.put("segments", null);
      return;
    }
    List<Map<String, Object>> segments = new ArrayList<>();
    for (SegmentCatalog.Segment seg : catalog.segmentsOf(slot)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("segment_id", seg.id());
      m.put("kind", seg.kind());
      m.put("label_ja", seg.labelJa());
      m.put("label_en", seg.labelEn());
      segments.add(m);
    }
    body.put("segments", segments);
  }

  private static void put(
      Map<String, Object> attrs, FirmTable f, int slot, String field, Object value, String label) {
    if (value == null) {
      return;
    }
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("value", value);
    if (label != null) {
      a.put("label", label);
    }
    FirmTable.FieldSource src = f.fieldSource(slot, field);
    a.put("source", src == null ? null : src.source());
    a.put("as_of", src == null || src.asOf() == null ? null : src.asOf().toString());
    attrs.put(field, a);
  }

  static String wareki(LocalDate d) {
    try {
      return WarekiDate.format(d);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String prefectureName(String code) {
    try {
      return Prefecture.ofCode(code).nameJa();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String jsicName(String letter) {
    try {
      return Jsic.ofLetter(letter).nameJa();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String sizeLabel(String id) {
    try {
      return SizeClass.ofId(id).labelJa();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
