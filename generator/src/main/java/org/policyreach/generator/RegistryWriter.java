package org.policyreach.generator;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.policyreach.core.Prefecture;

/**
 * The NTA 法人番号 download format: 30 columns, no header, text columns quoted. One monthly full file
 * per prefecture ({@code 13_tokyo_all_20261031.csv}) and one national diff file with name and
 * address changes, closures and mergers, sometimes several rows (history) for one number.
 */
final class RegistryWriter {
  static final int COLUMNS = 30;
  static final String NEWLINE = "\r\n";

  private static final boolean[] TEXT_COLUMNS = new boolean[COLUMNS];

  static {
    for (int i : new int[] {6, 9, 10, 11, 16, 21, 24, 25, 26, 27, 28}) {
      TEXT_COLUMNS[i] = true;
    }
  }

  static final List<FaultKind> FAULTS =
      List.of(
          FaultKind.BAD_CHECK_DIGIT,
          FaultKind.MALFORMED,
          FaultKind.DUPLICATE,
          FaultKind.IMPOSSIBLE_DATE,
          FaultKind.MOJIBAKE);

  private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

  private final boolean cp932;
  private final FaultInjector faults;
  private final Outputs.FileSpec[] fullFiles = new Outputs.FileSpec[47];
  private final Outputs.FileSpec diffFile;

  RegistryWriter(
      Charset charset, LocalDate registryDate, LocalDate diffDate, FaultInjector faults) {
    this.cp932 = !charset.name().toLowerCase(Locale.ROOT).contains("utf");
    this.faults = faults;
    for (Prefecture p : Prefecture.values()) {
      String name =
          "registry/"
              + p.code()
              + "_"
              + p.nameEn().toLowerCase(Locale.ROOT)
              + "_all_"
              + registryDate.format(COMPACT)
              + ".csv";
      fullFiles[p.ordinal()] = new Outputs.FileSpec(name, charset, null, NEWLINE, 1);
    }
    diffFile =
        new Outputs.FileSpec(
            "registry/diff_" + diffDate.format(COMPACT) + ".csv", charset, null, NEWLINE, 1);
  }

  List<Outputs.FileSpec> files() {
    List<Outputs.FileSpec> l = new ArrayList<>(List.of(fullFiles));
    l.add(diffFile);
    return l;
  }

  Outputs.FileSpec fullFile(Prefecture p) {
    return fullFiles[p.ordinal()];
  }

  Outputs.FileSpec diffFile() {
    return diffFile;
  }

  /** The firm's row in its prefecture's full file. */
  void writeFull(Emitter out, Firm f, long sequence, SplittableRandom faultRng) {
    String[] row = row(sequence, f, f.process(), f.changeDate(), f.updateDate(), true);
    if (f.closeDate() != null) {
      row[18] = f.closeDate().toString();
      row[19] = f.closeCause();
    }
    emit(out, fullFile(f.prefecture()), row, f, faultRng);
  }

  /** A diff row, already filled by the caller. */
  void writeDiff(Emitter out, String[] row, Firm f, SplittableRandom faultRng) {
    emit(out, diffFile, row, f, faultRng);
  }

  private void emit(
      Emitter out, Outputs.FileSpec file, String[] row, Firm f, SplittableRandom faultRng) {
    FaultKind fault = faults.draw(faultRng, FAULTS);
    String detail = null;
    if (fault != null) {
      switch (fault) {
        case BAD_CHECK_DIGIT -> {
          row[1] = FaultInjector.badCheckDigit(row[1], faultRng);
          detail = row[1];
        }
        case IMPOSSIBLE_DATE -> {
          row[4] = FaultInjector.impossibleIsoDate(f.updateDate(), faultRng);
          detail = "updateDate " + row[4];
        }
        case MOJIBAKE -> {
          row[6] = FaultInjector.mojibake(row[6], cp932, faultRng);
          detail = "name";
        }
        case MALFORMED -> {
          row = Csv.wrongColumnCount(row, faultRng);
          detail = row.length + " columns";
        }
        default -> {}
      }
    }
    out.line(file, 0, Csv.join(row, TEXT_COLUMNS), fault, f.cn().value(), null, detail);
  }

  /** A full 30-column row describing firm {@code f} as of a change. */
  String[] row(
      long sequence,
      Firm f,
      String process,
      LocalDate changeDate,
      LocalDate updateDate,
      boolean latest) {
    String[] r = new String[COLUMNS];
    r[0] = Long.toString(sequence);
    r[1] = f.cn().value();
    r[2] = process;
    r[3] = "0";
    r[4] = updateDate.toString();
    r[5] = changeDate.toString();
    r[6] = f.name().name();
    r[8] = Integer.toString(f.kind());
    r[9] = f.prefecture().nameJa();
    r[10] = f.city().nameJa();
    r[11] = f.streetNta();
    r[13] = f.prefecture().code();
    r[14] = f.city().code();
    r[15] = f.postCode();
    r[22] = f.assignmentDate().toString();
    r[23] = latest ? "1" : "0";
    if (f.name().enName() != null) {
      r[24] = f.name().enName();
      r[25] = f.prefecture().nameEn();
      r[26] = f.city().nameEn();
    }
    r[28] = f.name().furigana();
    r[29] = "0";
    return r;
  }
}
