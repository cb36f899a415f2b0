package org.policyreach.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.policyreach.core.ApplicationStatus;
import org.policyreach.core.CorporateNumber;
import org.policyreach.core.DomainException;
import org.policyreach.core.Eligibility;
import org.policyreach.core.EventType;
import org.policyreach.core.FirmFacts;
import org.policyreach.core.JapaneseNumbers;
import org.policyreach.core.Jsic;
import org.policyreach.core.Prefecture;
import org.policyreach.core.Program;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.core.WarekiDate;

/**
 * An independent reader of every generated format: for one physical line it lists what is wrong
 * with it, using fault kind ids ({@code malformed}, {@code bad_check_digit}, …) and, for problems
 * no fault should cause, other ids ({@code ineligible}, {@code outside_window}, …).
 */
final class LineChecks {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProgramCatalog catalog;

  LineChecks(ProgramCatalog catalog) {
    this.catalog = catalog;
  }

  Set<String> registry(String line, String previous) {
    Set<String> p = new LinkedHashSet<>();
    if (line.equals(previous)) {
      p.add("duplicate");
    }
    List<String> f = TestData.csvFields(line);
    if (f.size() != RegistryWriter.COLUMNS) {
      p.add("malformed");
      return p;
    }
    cn(f.get(1), p);
    if (!isoDate(f.get(4))) {
      p.add("impossible_date");
    }
    if (Text.looksGarbled(f.get(6))) {
      p.add("mojibake");
    }
    for (int i : new int[] {5, 18, 22}) {
      if (!f.get(i).isEmpty() && !isoDate(f.get(i))) {
        p.add("bad_date_column_" + (i + 1));
      }
    }
    if (!f.get(23).equals("1") && !f.get(23).equals("0")) {
      p.add("bad_latest");
    }
    try {
      Prefecture.ofCode(f.get(13));
    } catch (DomainException e) {
      p.add("bad_prefecture");
    }
    return p;
  }

  Set<String> attributes(String line, String previous) {
    Set<String> p = new LinkedHashSet<>();
    if (line.equals(previous)) {
      p.add("duplicate");
    }
    JsonNode n = json(line, p);
    if (n == null) {
      return p;
    }
    cn(n.path("corporate_number").asText(), p);
    JsonNode est = n.get("date_of_establishment");
    if (est != null && !est.isNull() && !isoDate(est.asText())) {
      p.add("impossible_date");
    }
    JsonNode capital = n.get("capital_stock");
    if (capital != null && !capital.isNull() && capital.asLong() < 0) {
      p.add("negative_amount");
    }
    JsonNode summary = n.get("business_summary");
    if (summary != null && !summary.isNull() && Text.looksGarbled(summary.asText())) {
      p.add("mojibake");
    }
    return p;
  }

  /** Problems of an application line; {@code applicant} receives the parsed line when it parses. */
  Set<String> application(String line, String previous) {
    Set<String> p = new LinkedHashSet<>();
    if (line.equals(previous)) {
      p.add("duplicate");
    }
    JsonNode n = json(line, p);
    if (n == null) {
      return p;
    }
    JsonNode a = n.path("applicant");
    Optional<CorporateNumber> cn = cn(a.path("corporate_number").asText(), p);
    Optional<Program> program = catalog.find(n.path("program_id").asText());
    if (program.isEmpty()) {
      p.add("unknown_program");
    }
    List<String> attachments = new ArrayList<>();
    n.path("attachments").forEach(x -> attachments.add(x.path("type").asText()));
    program.ifPresent(pr -> missingAttachments(pr, attachments, p));
    LocalDate submitted = null;
    try {
      submitted = OffsetDateTime.parse(n.path("submitted_at").asText()).toLocalDate();
    } catch (DateTimeParseException e) {
      p.add("impossible_date");
    }
    long requested = n.path("requested_amount_yen").asLong();
    amount(requested, program, p);
    if (Text.looksGarbled(a.path("name").asText())
        || Text.looksGarbled(n.path("purpose").asText())) {
      p.add("mojibake");
    }
    try {
      ApplicationStatus.parse(n.path("status").asText());
    } catch (DomainException e) {
      p.add("bad_status");
    }
    if (program.isPresent() && submitted != null && cn.isPresent()) {
      FirmFacts facts =
          new FirmFacts(
              cn.get(),
              Prefecture.ofCode(a.path("prefecture_code").asText()),
              Jsic.ofLetter(a.path("jsic_division").asText()),
              a.path("jsic_major").asText(),
              a.path("capital_yen").asLong(),
              a.path("employees").asInt(),
              LocalDate.parse(a.path("established").asText()));
      eligibleInWindow(program.get(), facts, submitted, p);
    }
    return p;
  }

  Set<String> legacy(String line, String previous) {
    Set<String> p = new LinkedHashSet<>();
    if (line.equals(previous)) {
      p.add("duplicate");
    }
    List<String> f = TestData.csvFields(line);
    if (f.size() != LegacyWriter.COLUMNS) {
      p.add("malformed");
      return p;
    }
    Optional<CorporateNumber> cn = cn(f.get(3), p);
    Optional<Program> program = catalog.find(f.get(1));
    if (program.isEmpty()) {
      p.add("unknown_program");
    }
    program.ifPresent(pr -> missingAttachments(pr, List.of(f.get(11).split(";")), p));
    LocalDate submitted = null;
    try {
      submitted = WarekiDate.parse(f.get(2)).date();
    } catch (DomainException e) {
      p.add("impossible_date");
    }
    amount(JapaneseNumbers.parseLong(f.get(9)).orElseThrow(), program, p);
    if (Text.looksGarbled(f.get(4)) || Text.looksGarbled(f.get(10))) {
      p.add("mojibake");
    }
    try {
      ApplicationStatus.parse(f.get(12));
    } catch (DomainException e) {
      p.add("bad_status");
    }
    if (program.isPresent() && submitted != null && cn.isPresent()) {
      // The legacy form has no JSIC major: eligibility needing the wholesale/retail split (or
      // another row the major decides) cannot be judged from the row alone.
      Jsic jsic = Jsic.parse(f.get(8));
      FirmFacts facts =
          new FirmFacts(
              cn.get(),
              Prefecture.parse(f.get(5)),
              jsic,
              null,
              JapaneseNumbers.parseAmountYen(f.get(6)).orElseThrow(),
              JapaneseNumbers.parseCount(f.get(7)).orElseThrow(),
              null);
      if (!program.get().window().isOpenOn(submitted)) {
        p.add("outside_window");
      }
      if (facts.sizeClass().isPresent()
          && !program.get().eligibility().sizeClasses().isEmpty()
          && !program.get().eligibility().sizeClasses().contains(facts.sizeClass().get())) {
        p.add("ineligible");
      }
    }
    return p;
  }

  Set<String> event(String line, String previous) {
    Set<String> p = new LinkedHashSet<>();
    if (line.equals(previous)) {
      p.add("duplicate");
    }
    JsonNode n = json(line, p);
    if (n == null) {
      return p;
    }
    cn(n.path("corporate_number").asText(), p);
    JsonNode program = n.get("program_id");
    if (program != null && !program.isNull() && catalog.find(program.asText()).isEmpty()) {
      p.add("unknown_program");
    }
    try {
      OffsetDateTime.parse(n.path("at").asText());
    } catch (DateTimeParseException e) {
      p.add("impossible_date");
    }
    try {
      EventType.parse(n.path("type").asText());
    } catch (DomainException e) {
      p.add("bad_type");
    }
    return p;
  }

  private static JsonNode json(String line, Set<String> p) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      p.add("malformed");
      return null;
    }
  }

  private static Optional<CorporateNumber> cn(String raw, Set<String> p) {
    try {
      return Optional.of(CorporateNumber.parse(raw));
    } catch (DomainException e) {
      p.add(e.code().equals("CN_CHECK_DIGIT") ? "bad_check_digit" : "bad_corporate_number");
      return Optional.empty();
    }
  }

  private static void missingAttachments(Program program, List<String> attachments, Set<String> p) {
    if (!attachments.containsAll(program.requiredAttachments())) {
      p.add("missing_attachment");
    }
  }

  private static void amount(long requested, Optional<Program> program, Set<String> p) {
    if (requested < 0) {
      p.add("negative_amount");
    } else if (program.isPresent() && requested > program.get().maxAmountYen()) {
      p.add("amount_over_max");
    } else if (requested == 0) {
      p.add("zero_amount");
    }
  }

  private static void eligibleInWindow(
      Program program, FirmFacts facts, LocalDate day, Set<String> p) {
    if (!program.window().isOpenOn(day)) {
      p.add("outside_window");
    }
    if (!Eligibility.evaluate(program, facts, day).eligible()) {
      p.add("ineligible");
    }
    if (!facts.established().isBefore(day)) {
      p.add("not_established");
    }
  }

  private static boolean isoDate(String s) {
    try {
      LocalDate.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
