package org.policyreach.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What later stages should recover: {@code truth/latent_needs.csv} (every firm × need strength),
 * {@code truth/faults.csv} (every injected fault by file and physical line) and {@code
 * truth/summary.json} (counts, seed, as-of, version).
 */
final class TruthWriter {
  static final Outputs.FileSpec NEEDS_FILE =
      new Outputs.FileSpec(
          "truth/latent_needs.csv",
          StandardCharsets.UTF_8,
          "corporate_number,need_id,strength",
          "\n",
          1);
  static final String FAULTS_PATH = "truth/faults.csv";
  static final String FAULTS_HEADER = "file,line,kind,corporate_number,application_id,detail";
  static final String SUMMARY_PATH = "truth/summary.json";

  /** A fault at its final physical line. */
  record Fault(
      String file,
      long line,
      FaultKind kind,
      String corporateNumber,
      String applicationId,
      String detail) {}

  private TruthWriter() {}

  static void writeNeeds(
      Emitter out, Firm f, List<String> needIds, double[] strengths, StringBuilder sb) {
    String cn = f.cn().value();
    for (int k = 0; k < strengths.length; k++) {
      sb.setLength(0);
      sb.append(cn).append(',').append(needIds.get(k)).append(',');
      appendStrength(sb, strengths[k]);
      out.line(NEEDS_FILE, 0, sb);
    }
  }

  /** {@code 0.375}, {@code 1.000}: three decimals without a formatter. */
  static void appendStrength(StringBuilder sb, double s) {
    int m = (int) Math.round(s * 1000);
    if (m >= 1000) {
      sb.append("1.000");
      return;
    }
    sb.append("0.");
    if (m < 100) {
      sb.append('0');
    }
    if (m < 10) {
      sb.append('0');
    }
    sb.append(m);
  }

  static void writeFaults(Path out, List<Fault> faults) throws IOException {
    Path file = out.resolve(FAULTS_PATH);
    Files.createDirectories(file.getParent());
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(FAULTS_HEADER);
      w.write('\n');
      String[] row = new String[6];
      for (Fault f : faults) {
        row[0] = f.file();
        row[1] = Long.toString(f.line());
        row[2] = f.kind().id();
        row[3] = f.corporateNumber();
        row[4] = f.applicationId();
        row[5] = f.detail();
        w.write(Csv.join(row, null));
        w.write('\n');
      }
    }
  }

  static void writeSummary(Path out, Map<String, Object> summary) throws IOException {
    Path file = out.resolve(SUMMARY_PATH);
    Files.createDirectories(file.getParent());
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), summary);
  }
}
