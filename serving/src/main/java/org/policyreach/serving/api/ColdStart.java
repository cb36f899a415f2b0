package org.policyreach.serving.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.policyreach.core.CorporateNumber;
import org.policyreach.core.DomainException;
import org.policyreach.core.Eligibility;
import org.policyreach.core.EligibilityResult;
import org.policyreach.core.EligibilityRules;
import org.policyreach.core.FirmFacts;
import org.policyreach.core.JapaneseNumbers;
import org.policyreach.core.Jsic;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.core.Prefecture;
import org.policyreach.core.Program;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.core.SizeClass;
import org.policyreach.core.WarekiDate;
import org.policyreach.models.ranking.ColdStartRanker;
import org.policyreach.models.ranking.Diversifier;
import org.policyreach.models.ranking.PeerKey;
import org.policyreach.models.ranking.ProgramSignals;
import org.policyreach.models.ranking.RankedProgram;
import org.policyreach.serving.ServingException;
import org.policyreach.serving.http.ApiRequest;
import org.policyreach.serving.snapshot.Snapshot;

/**
 * Rules-and-peers recommendations for a firm the snapshot does not know, computed on the spot from
 * the attributes the caller gives: core's {@link Eligibility} filters the catalog's open (or soon
 * opening) programs, the models' {@link ColdStartRanker} orders them by the peers' needs and uptake
 * in the served build.
 */
public final class ColdStart {
  /** Query parameters that describe a new firm. */
  public static final List<String> PARAMS =
      List.of(
          "jsic",
          "jsic_major",
          "size_class",
          "employees",
          "capital_yen",
          "prefecture",
          "established");

  private final ProgramCatalog programs;
  private final PolicyReachConfig config;
  private final Map<String, String> needLabels = new HashMap<>();
  private volatile CachedRanker cached;

  private record CachedRanker(Snapshot snapshot, ColdStartRanker ranker) {}

  public ColdStart(ProgramCatalog programs, NeedCatalog needs, PolicyReachConfig config) {
    this.programs = programs;
    this.config = config;
    needs.needs().forEach(n -> needLabels.put(n.id(), n.labelJa()));
  }

  /** What the caller says about a new firm. */
  public record NewFirm(
      Jsic jsic,
      String jsicMajor,
      SizeClass declaredSize,
      Long capitalYen,
      Integer employees,
      Prefecture prefecture,
      LocalDate established) {}

  /** The new-firm attributes in the query, or empty if none is given. */
  public static Optional<NewFirm> fromQuery(ApiRequest r) {
    boolean any = false;
    for (String p : PARAMS) {
      any |= r.query(p) != null;
    }
    if (!any) {
      return Optional.empty();
    }
    try {
      Jsic jsic = r.query("jsic") == null ? null : Jsic.parse(r.query("jsic"));
      Prefecture pref =
          r.query("prefecture") == null ? null : Prefecture.parse(r.query("prefecture"));
      SizeClass size = r.query("size_class") == null ? null : SizeClass.ofId(r.query("size_class"));
      Long capital =
          r.query("capital_yen") == null
              ? null
              : JapaneseNumbers.parseAmountYen(r.query("capital_yen")).orElse(null);
      Integer employees =
          r.query("employees") == null
              ? null
              : JapaneseNumbers.parseCount(r.query("employees")).orElse(null);
      LocalDate established =
          r.query("established") == null ? null : WarekiDate.parse(r.query("established")).date();
      return Optional.of(
          new NewFirm(jsic, r.query("jsic_major"), size, capital, employees, pref, established));
    } catch (DomainException e) {
      throw ServingException.badRequest("INVALID_PARAMETER", e.getMessage());
    }
  }

  /** One cold-start entry, shaped like a snapshot recommendation. */
  public record Entry(
      Program program, double score, List<org.policyreach.serving.snapshot.Reason> reasons) {}

  public List<Entry> rank(Snapshot s, CorporateNumber cn, NewFirm firm, LocalDate today, int k) {
    if (firm.jsic() == null || firm.prefecture() == null) {
      throw ServingException.badRequest(
          "INVALID_PARAMETER",
          "A new firm needs at least jsic (division letter or name, e.g. E or 製造業) and"
              + " prefecture (code or name, e.g. 13 or 東京都), plus size_class or employees /"
              + " capital_yen");
    }
    FirmFacts facts;
    try {
      facts =
          new FirmFacts(
              cn,
              firm.prefecture(),
              firm.jsic(),
              firm.jsicMajor(),
              firm.capitalYen(),
              firm.employees(),
              firm.established());
    } catch (DomainException e) {
      throw ServingException.badRequest("INVALID_PARAMETER", e.getMessage());
    }
    SizeClass size = sizeOf(facts, firm.declaredSize());
    List<ProgramSignals> eligible = new ArrayList<>();
    Map<String, Program> byId = new HashMap<>();
    int horizon = config.recommend().horizonDays();
    for (Program p : programs.openOrOpeningWithin(today, horizon)) {
      if (!eligible(p, facts, size, today)) {
        continue;
      }
      EligibilityRules rules = p.eligibility();
      eligible.add(
          new ProgramSignals(
              p.id(),
              p.family(),
              p.needs(),
              (int) Math.max(0, p.window().daysUntilOpen(today)),
              (int) p.window().daysLeft(today),
              rules.sizeClasses().size(),
              !rules.jsicDivisions().isEmpty(),
              !rules.prefectures().isEmpty(),
              p.maxAmountYen()));
      byId.put(p.id(), p);
    }
    PeerKey key =
        new PeerKey(
            firm.jsic().letter(), size == null ? null : size.id(), firm.prefecture().code());
    List<Entry> out = new ArrayList<>();
    for (RankedProgram rp : rankerFor(s).rank(key, eligible, k)) {
      List<org.policyreach.serving.snapshot.Reason> reasons = new ArrayList<>();
      rp.reasons()
          .forEach(
              r ->
                  reasons.add(
                      new org.policyreach.serving.snapshot.Reason(r.code().name(), r.message())));
      out.add(new Entry(byId.get(rp.programId()), rp.score(), reasons));
    }
    return out;
  }

  /**
   * Core's eligibility; a size class the caller declared (without capital or employees to derive it
   * from) stands in for the derived one in the size rule only.
   */
  private static boolean eligible(Program p, FirmFacts facts, SizeClass size, LocalDate today) {
    EligibilityRules rules = p.eligibility();
    if (facts.sizeClass().isPresent() || rules.sizeClasses().isEmpty()) {
      return Eligibility.evaluate(p, facts, today).eligible();
    }
    if (size == null || !rules.sizeClasses().contains(size)) {
      return false;
    }
    EligibilityRules withoutSize =
        new EligibilityRules(
            Set.of(),
            rules.jsicDivisions(),
            rules.prefectures(),
            rules.minYearsEstablished(),
            rules.maxEmployees(),
            rules.maxCapitalYen());
    EligibilityResult r = Eligibility.evaluate(withoutSize, facts, today);
    return r.eligible();
  }

  private static SizeClass sizeOf(FirmFacts facts, SizeClass declared) {
    Optional<SizeClass> derived = facts.sizeClass();
    if (derived.isPresent() && declared != null && derived.get() != declared) {
      throw ServingException.badRequest(
          "INVALID_PARAMETER",
          "size_class="
              + declared.id()
              + " contradicts the capital/employees given, which make the firm "
              + derived.get().id()
              + " ("
              + derived.get().labelJa()
              + ") under the SME Basic Act: drop one of them");
    }
    return derived.orElse(declared);
  }

  /** One ranker per served snapshot (its peer statistics); rebuilt after a swap. */
  private ColdStartRanker rankerFor(Snapshot s) {
    CachedRanker c = cached;
    if (c == null || c.snapshot() != s) {
      c =
          new CachedRanker(
              s,
              new ColdStartRanker(
                  s.peers(),
                  needLabels,
                  new Diversifier(config.recommend().perFamilyMax(), 0.5),
                  ColdStartRanker.Options.defaults()));
      cached = c;
    }
    return c.ranker();
  }
}
