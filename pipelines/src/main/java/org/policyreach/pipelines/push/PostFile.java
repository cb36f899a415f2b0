package org.policyreach.pipelines.push;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.policyreach.ingestion.Source;
import org.policyreach.pipelines.PipelineException;

/**
 * The mail-merge file of a campaign's letters for a print vendor: one row per letter, in UTF-8 with
 * a BOM ({@code post-<campaign>.csv}) and in CP932 ({@code post-<campaign>-cp932.csv}, characters
 * CP932 lacks printed as 〓, the printer's mark for a missing glyph), CRLF. Rewritten whole from the
 * ledger on every send, so a re-run gives the same file.
 */
final class PostFile {
  static final List<String> HEADER =
      List.of("郵便番号", "住所", "法人名", "法人番号", "本文", "施策URL", "キャンペーンコード", "応答コード");

  /** One letter. */
  record Letter(
      String postCode,
      String address,
      String name,
      String corporateNumber,
      String text,
      String url,
      String campaignId,
      String responseCode) {
    List<String> cells() {
      return List.of(
          formatPostCode(postCode),
          address,
          name == null ? "" : name,
          corporateNumber,
          text,
          url,
          campaignId,
          responseCode);
    }
  }

  private PostFile() {}

  static String formatPostCode(String postCode) {
    if (postCode == null) {
      return "";
    }
    String d = postCode.replaceAll("[^0-9]", "");
    return d.length() == 7 ? "〒" + d.substring(0, 3) + "-" + d.substring(3) : postCode;
  }

  /** Writes both variants; returns the UTF-8 one. */
  static Path write(Path dir, String campaignId, List<Letter> letters) {
    Path utf8 = dir.resolve("post-" + campaignId + ".csv");
    Path cp932 = dir.resolve("post-" + campaignId + "-cp932.csv");
    try {
      Files.createDirectories(dir);
      writeOne(utf8, letters, true);
      writeOne(cp932, letters, false);
      return utf8;
    } catch (IOException e) {
      throw PipelineException.failure(
          "Cannot write the mail-merge file "
              + utf8
              + ": "
              + e.getMessage()
              + "; the letters are recorded in silver.contacts, run push send again to rewrite it",
          e);
    }
  }

  private static void writeOne(Path file, List<Letter> letters, boolean utf8) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      Writer w;
      if (utf8) {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      } else {
        CharsetEncoder enc =
            Source.CP932
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith("〓".getBytes(Source.CP932));
        w = new OutputStreamWriter(out, enc);
      }
      try (CSVPrinter csv =
          new CSVPrinter(w, CSVFormat.EXCEL.builder().setRecordSeparator("\r\n").get())) {
        csv.printRecord(HEADER);
        for (Letter l : letters) {
          csv.printRecord(l.cells());
        }
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
