package org.policyreach.generator;

import java.time.LocalDate;
import org.policyreach.core.CorporateNumber;
import org.policyreach.core.FirmFacts;
import org.policyreach.core.IndustryGroup;
import org.policyreach.core.Jsic;
import org.policyreach.core.Prefecture;
import org.policyreach.core.SizeClass;

/**
 * The true facts of one generated firm (what the registry, gBizINFO and the firm's own applications
 * describe, each partially).
 *
 * @param index position in the population, 0-based
 * @param process NTA process code of the firm's latest registry row ({@code 01}, {@code 11}, {@code
 *     12} or {@code 21})
 * @param changeDate date of the latest registry change
 * @param updateDate date the NTA recorded that change
 * @param closeDate null while the firm is active
 */
record Firm(
    int index,
    CorporateNumber cn,
    Prefecture prefecture,
    Places.City city,
    String town,
    int chome,
    int ban,
    int go,
    String postCode,
    Jsic jsic,
    String jsicMajor,
    IndustryGroup group,
    SizeClass sizeClass,
    long capitalYen,
    int employees,
    LocalDate established,
    int kind,
    FirmNames.Name name,
    LocalDate assignmentDate,
    String process,
    LocalDate changeDate,
    LocalDate updateDate,
    LocalDate closeDate,
    String closeCause) {

  boolean active() {
    return closeDate == null;
  }

  /** Address after the city as people type it on forms: {@code 本町2-3-4}. */
  String addressAscii() {
    return town + chome + "-" + ban + "-" + go;
  }

  /** Address after the city as the NTA writes it, full-width: {@code 本町２丁目３番４号}. */
  String streetNta() {
    return town + Text.fullWidth(chome + "丁目" + ban + "番" + go + "号");
  }

  FirmFacts facts() {
    return new FirmFacts(cn, prefecture, jsic, jsicMajor, capitalYen, employees, established);
  }

  Firm withName(FirmNames.Name newName) {
    return new Firm(
        index,
        cn,
        prefecture,
        city,
        town,
        chome,
        ban,
        go,
        postCode,
        jsic,
        jsicMajor,
        group,
        sizeClass,
        capitalYen,
        employees,
        established,
        kind,
        newName,
        assignmentDate,
        process,
        changeDate,
        updateDate,
        closeDate,
        closeCause);
  }

  Firm withAddress(
      Prefecture newPrefecture,
      Places.City newCity,
      String newTown,
      int newChome,
      int newBan,
      int newGo,
      String newPostCode) {
    return new Firm(
        index,
        cn,
        newPrefecture,
        newCity,
        newTown,
        newChome,
        newBan,
        newGo,
        newPostCode,
        jsic,
        jsicMajor,
        group,
        sizeClass,
        capitalYen,
        employees,
        established,
        kind,
        name,
        assignmentDate,
        process,
        changeDate,
        updateDate,
        closeDate,
        closeCause);
  }
}
