package org.policyreach.core;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed settings from {@code conf/policyreach.yaml}, one record per component. Every key is
 * optional (its default applies); unknown keys and out-of-range values raise {@link
 * ConfigException} naming file, line and the fix. With no file at all every default applies.
 *
 * <pre>
 * report:    {min_cell: 10}
 * recommend: {top_k: 10, horizon_days: 60, per_family_max: 1}
 * ranker:    {label_days: 180, train_origins: 3, origin_step_days: 91, train_firms: 20000,
 *             train_seed: 20261126}
 * targets:   {holdout_share: 0.10, holdout_seed: 20261126, contact_cap: 3, contact_window_days: 30,
 *             max_per_program: 1000, never_reached_share: 0.5}
 * quality:   {max_quarantine_share: 0.2}
 * evaluate:  {horizon_days: 180}
 * push:      {smtp_host: localhost, smtp_port: 25, mail_from: …, portal_url: …}
 * uplift:    {min_campaigns: 2, min_arm_rows: 200, min_arm_applications: 10, outcome_days: 60,
 *             never_reached_prior: 1.0}
 * </pre>
 */
public record PolicyReachConfig(
    Report report,
    Recommend recommend,
    Ranker ranker,
    Targets targets,
    Quality quality,
    Evaluate evaluate,
    Push push,
    Uplift uplift) {

  public static final String FILE_NAME = "policyreach.yaml";
  static final Set<String> FILE_KEYS =
      Set.of("report", "recommend", "ranker", "targets", "quality", "evaluate", "push", "uplift");

  public PolicyReachConfig {
    requireNonNull(report, "report is null");
    requireNonNull(recommend, "recommend is null");
    requireNonNull(ranker, "ranker is null");
    requireNonNull(targets, "targets is null");
    requireNonNull(quality, "quality is null");
    requireNonNull(evaluate, "evaluate is null");
    requireNonNull(push, "push is null");
    requireNonNull(uplift, "uplift is null");
  }

  /** The settings before uplift ranking existed; {@link Uplift#DEFAULT} for it. */
  public PolicyReachConfig(
      Report report,
      Recommend recommend,
      Ranker ranker,
      Targets targets,
      Quality quality,
      Evaluate evaluate,
      Push push) {
    this(report, recommend, ranker, targets, quality, evaluate, push, Uplift.DEFAULT);
  }

  /** The settings before push campaigns existed; {@link Push#DEFAULT} for the rest. */
  public PolicyReachConfig(
      Report report,
      Recommend recommend,
      Ranker ranker,
      Targets targets,
      Quality quality,
      Evaluate evaluate) {
    this(report, recommend, ranker, targets, quality, evaluate, Push.DEFAULT, Uplift.DEFAULT);
  }

  /**
   * Segment reports.
   *
   * @param minCell cells (counts) below this are suppressed in published reports
   */
  public record Report(int minCell) {
    public static final Report DEFAULT = new Report(10);
    static final Set<String> KEYS = Set.of("min_cell");

    public Report {
      positive(minCell, "report.min_cell");
    }
  }

  /**
   * Recommendations per firm.
   *
   * @param topK programs recommended per firm
   * @param horizonDays a program not yet open is recommended if it opens within this many days
   * @param perFamilyMax at most this many rounds of one program family per firm
   */
  public record Recommend(int topK, int horizonDays, int perFamilyMax) {
    public static final Recommend DEFAULT = new Recommend(10, 60, 1);
    static final Set<String> KEYS = Set.of("top_k", "horizon_days", "per_family_max");

    public Recommend {
      positive(topK, "recommend.top_k");
      nonNegative(horizonDays, "recommend.horizon_days");
      positive(perFamilyMax, "recommend.per_family_max");
    }
  }

  /**
   * Training of the recommendation ranker on time splits: at each origin {@code o}, features as of
   * {@code o} and labels = the programs applied for in {@code (o, o + labelDays]}; the latest
   * origin is {@code T − labelDays}, earlier ones {@code originStepDays} apart.
   *
   * @param labelDays length of the label window (and the lag of the training features)
   * @param trainOrigins how many origins are stacked into one training matrix
   * @param originStepDays days between consecutive origins
   * @param trainFirms firms drawn (seeded) for the training matrix, over all origins
   * @param trainSeed seed of that draw
   */
  public record Ranker(
      int labelDays, int trainOrigins, int originStepDays, int trainFirms, long trainSeed) {
    public static final Ranker DEFAULT = new Ranker(180, 3, 91, 20_000, 20261126L);
    static final Set<String> KEYS =
        Set.of("label_days", "train_origins", "origin_step_days", "train_firms", "train_seed");

    public Ranker {
      positive(labelDays, "ranker.label_days");
      positive(trainOrigins, "ranker.train_origins");
      positive(originStepDays, "ranker.origin_step_days");
      positive(trainFirms, "ranker.train_firms");
    }
  }

  /**
   * Program target lists for officers.
   *
   * @param holdoutShare share of each target list held out (not contacted) to measure uplift
   * @param holdoutSeed seed of the deterministic holdout assignment
   * @param contactCap at most this many notifications per firm …
   * @param contactWindowDays … within this many days
   * @param maxPerProgram firms per program target list (holdout included)
   * @param neverReachedShare share of the places of each target list and each campaign with a size
   *     limit kept for firms that never applied to anything, where enough of them are eligible (the
   *     rest by rank, whoever they are)
   */
  public record Targets(
      double holdoutShare,
      long holdoutSeed,
      int contactCap,
      int contactWindowDays,
      int maxPerProgram,
      double neverReachedShare) {
    public static final Targets DEFAULT = new Targets(0.10, 20261126L, 3, 30, 1000, 0.5);
    static final Set<String> KEYS =
        Set.of(
            "holdout_share",
            "holdout_seed",
            "contact_cap",
            "contact_window_days",
            "max_per_program",
            "never_reached_share");

    public Targets {
      share(holdoutShare, "targets.holdout_share", true);
      positive(contactCap, "targets.contact_cap");
      positive(contactWindowDays, "targets.contact_window_days");
      positive(maxPerProgram, "targets.max_per_program");
      share(neverReachedShare, "targets.never_reached_share", true);
    }
  }

  /**
   * Ingestion quality gate.
   *
   * @param maxQuarantineShare a batch with a larger share of quarantined records fails
   */
  public record Quality(double maxQuarantineShare) {
    public static final Quality DEFAULT = new Quality(0.2);
    static final Set<String> KEYS = Set.of("max_quarantine_share");

    public Quality {
      share(maxQuarantineShare, "quality.max_quarantine_share", false);
    }
  }

  /**
   * Offline evaluation.
   *
   * @param horizonDays applications within this many days after the as-of date count as hits
   */
  public record Evaluate(int horizonDays) {
    public static final Evaluate DEFAULT = new Evaluate(180);
    static final Set<String> KEYS = Set.of("horizon_days");

    public Evaluate {
      positive(horizonDays, "evaluate.horizon_days");
    }
  }

  /**
   * Push campaigns ({@code policyreach push}).
   *
   * @param smtpHost the SMTP server e-mail is handed to (env {@code POLICYREACH_SMTP=host:port}
   *     overrides host and port)
   * @param smtpPort its port
   * @param mailFrom the sender address of campaign e-mails
   * @param portalUrl the e-application portal: notices link to it, and its {@code /push/opt-out}
   *     page records the firm's opt-out through {@code POST /v1/events}
   */
  public record Push(String smtpHost, int smtpPort, String mailFrom, String portalUrl) {
    public static final Push DEFAULT =
        new Push(
            "localhost", 25, "noreply@policyreach.example.go.jp", "https://portal.example.go.jp");
    static final Set<String> KEYS = Set.of("smtp_host", "smtp_port", "mail_from", "portal_url");

    public Push {
      if (smtpHost == null || smtpHost.isBlank()) {
        throw new IllegalArgumentException("push.smtp_host must be a host name, got nothing");
      }
      if (smtpPort < 1 || smtpPort > 65535) {
        throw new IllegalArgumentException("push.smtp_port must be in 1..65535, got " + smtpPort);
      }
      if (mailFrom == null || !mailFrom.matches("[^@\\s]+@[^@\\s]+")) {
        throw new IllegalArgumentException(
            "push.mail_from must be an e-mail address, got " + mailFrom);
      }
      if (portalUrl == null || !portalUrl.matches("https?://\\S+")) {
        throw new IllegalArgumentException(
            "push.portal_url must be an http(s) URL, got " + portalUrl);
      }
      portalUrl =
          portalUrl.endsWith("/") ? portalUrl.substring(0, portalUrl.length() - 1) : portalUrl;
    }
  }

  /**
   * Ranking target lists by the change a push makes (uplift) instead of by who applies anyway.
   *
   * <p>The rule for "enough campaign history": an uplift model is trained only when past campaigns
   * whose outcome window has closed give at least {@code minCampaigns} campaigns, {@code
   * minArmRows} firms in each arm (pushed and held out) and {@code minArmApplications} applications
   * in each arm. Until then lists are ranked by the propensity ranker with a prior that favours
   * never-reached firms: their score is multiplied by {@code 1 + neverReachedPrior}.
   *
   * @param minCampaigns past campaigns (outcome window closed) needed to train the uplift model
   * @param minArmRows firms needed in each arm (treated and holdout) over those campaigns
   * @param minArmApplications applications needed in each arm within the outcome window
   * @param outcomeDays an application within this many days after a push is its outcome
   * @param neverReachedPrior without an uplift model, a never-reached firm's propensity counts
   *     {@code 1 + neverReachedPrior} times (0 = plain propensity)
   */
  public record Uplift(
      int minCampaigns,
      int minArmRows,
      int minArmApplications,
      int outcomeDays,
      double neverReachedPrior) {
    public static final Uplift DEFAULT = new Uplift(2, 200, 10, 60, 1.0);
    static final Set<String> KEYS =
        Set.of(
            "min_campaigns",
            "min_arm_rows",
            "min_arm_applications",
            "outcome_days",
            "never_reached_prior");

    public Uplift {
      positive(minCampaigns, "uplift.min_campaigns");
      positive(minArmRows, "uplift.min_arm_rows");
      positive(minArmApplications, "uplift.min_arm_applications");
      positive(outcomeDays, "uplift.outcome_days");
      if (!(neverReachedPrior >= 0 && neverReachedPrior <= 100)) {
        throw new IllegalArgumentException(
            "uplift.never_reached_prior must be between 0 and 100, got " + neverReachedPrior);
      }
    }
  }

  /** Every default. */
  public static PolicyReachConfig defaults() {
    return new PolicyReachConfig(
        Report.DEFAULT,
        Recommend.DEFAULT,
        Ranker.DEFAULT,
        Targets.DEFAULT,
        Quality.DEFAULT,
        Evaluate.DEFAULT,
        Push.DEFAULT,
        Uplift.DEFAULT);
  }

  /** Loads {@code confDir/policyreach.yaml}, or the defaults when that file does not exist. */
  public static PolicyReachConfig load(Path confDir) {
    requireNonNull(confDir, "confDir is null");
    Path file = confDir.resolve(FILE_NAME);
    return Files.exists(file) ? loadFile(file) : defaults();
  }

  /**
   * Loads one file strictly.
   *
   * @throws ConfigException naming file and line
   */
  public static PolicyReachConfig loadFile(Path file) {
    YamlNode root = YamlNode.read(file);
    if (root.isNull()) {
      return defaults();
    }
    root.checkKeys(FILE_KEYS);
    return new PolicyReachConfig(
        section(
            root,
            "report",
            Report.KEYS,
            Report.DEFAULT,
            (s) -> new Report(s.integer("min_cell", Report.DEFAULT.minCell()))),
        section(
            root,
            "recommend",
            Recommend.KEYS,
            Recommend.DEFAULT,
            (s) ->
                new Recommend(
                    s.integer("top_k", Recommend.DEFAULT.topK()),
                    s.integer("horizon_days", Recommend.DEFAULT.horizonDays()),
                    s.integer("per_family_max", Recommend.DEFAULT.perFamilyMax()))),
        section(
            root,
            "ranker",
            Ranker.KEYS,
            Ranker.DEFAULT,
            (s) ->
                new Ranker(
                    s.integer("label_days", Ranker.DEFAULT.labelDays()),
                    s.integer("train_origins", Ranker.DEFAULT.trainOrigins()),
                    s.integer("origin_step_days", Ranker.DEFAULT.originStepDays()),
                    s.integer("train_firms", Ranker.DEFAULT.trainFirms()),
                    s.longInteger("train_seed", Ranker.DEFAULT.trainSeed()))),
        section(
            root,
            "targets",
            Targets.KEYS,
            Targets.DEFAULT,
            (s) ->
                new Targets(
                    s.decimal("holdout_share", Targets.DEFAULT.holdoutShare()),
                    s.longInteger("holdout_seed", Targets.DEFAULT.holdoutSeed()),
                    s.integer("contact_cap", Targets.DEFAULT.contactCap()),
                    s.integer("contact_window_days", Targets.DEFAULT.contactWindowDays()),
                    s.integer("max_per_program", Targets.DEFAULT.maxPerProgram()),
                    s.decimal("never_reached_share", Targets.DEFAULT.neverReachedShare()))),
        section(
            root,
            "quality",
            Quality.KEYS,
            Quality.DEFAULT,
            (s) ->
                new Quality(
                    s.decimal("max_quarantine_share", Quality.DEFAULT.maxQuarantineShare()))),
        section(
            root,
            "evaluate",
            Evaluate.KEYS,
            Evaluate.DEFAULT,
            (s) -> new Evaluate(s.integer("horizon_days", Evaluate.DEFAULT.horizonDays()))),
        section(
            root,
            "push",
            Push.KEYS,
            Push.DEFAULT,
            (s) ->
                new Push(
                    s.text("smtp_host", Push.DEFAULT.smtpHost()),
                    s.integer("smtp_port", Push.DEFAULT.smtpPort()),
                    s.text("mail_from", Push.DEFAULT.mailFrom()),
                    s.text("portal_url", Push.DEFAULT.portalUrl()))),
        section(
            root,
            "uplift",
            Uplift.KEYS,
            Uplift.DEFAULT,
            (s) ->
                new Uplift(
                    s.integer("min_campaigns", Uplift.DEFAULT.minCampaigns()),
                    s.integer("min_arm_rows", Uplift.DEFAULT.minArmRows()),
                    s.integer("min_arm_applications", Uplift.DEFAULT.minArmApplications()),
                    s.integer("outcome_days", Uplift.DEFAULT.outcomeDays()),
                    s.decimal("never_reached_prior", Uplift.DEFAULT.neverReachedPrior()))));
  }

  private static <T> T section(
      YamlNode root, String name, Set<String> keys, T defaults, Function<Section, T> build) {
    Optional<YamlNode> node = root.get(name);
    if (node.isEmpty()) {
      return defaults;
    }
    YamlNode s = node.get().withContext("section '" + name + "'").requireMap().checkKeys(keys);
    try {
      return build.apply(new Section(s, name));
    } catch (IllegalArgumentException e) {
      throw s.error(e.getMessage(), "correct the value or remove the key to use its default");
    }
  }

  /** Typed access to the keys of one section, with each value's own line in errors. */
  private static final class Section {
    private final YamlNode node;
    private final String name;

    Section(YamlNode node, String name) {
      this.node = node;
      this.name = name;
    }

    int integer(String key, int dflt) {
      return value(key).map(YamlNode::intValue).orElse(dflt);
    }

    long longInteger(String key, long dflt) {
      return value(key).map(YamlNode::longValue).orElse(dflt);
    }

    String text(String key, String dflt) {
      return value(key).map(YamlNode::nonBlankString).orElse(dflt);
    }

    double decimal(String key, double dflt) {
      return value(key).map(YamlNode::doubleValue).orElse(dflt);
    }

    private Optional<YamlNode> value(String key) {
      return node.get(key).map(n -> n.withContext(name + "." + key));
    }
  }

  private static void positive(long v, String key) {
    if (v < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, got " + v);
    }
  }

  private static void nonNegative(long v, String key) {
    if (v < 0) {
      throw new IllegalArgumentException(key + " must be 0 or more, got " + v);
    }
  }

  private static void share(double v, String key, boolean allowZero) {
    if (!(v <= 1 && (allowZero ? v >= 0 : v > 0))) {
      throw new IllegalArgumentException(
          key + " must be a share " + (allowZero ? "in [0, 1]" : "in (0, 1]") + ", got " + v);
    }
  }
}
