package org.policyreach.pipelines.push;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.policyreach.core.Program;
import org.policyreach.core.WarekiDate;

/**
 * The Japanese text a firm receives on every channel: what the program is, why the firm received it
 * (its reasons from the target list), the deadline, the program's URL, and how to stop further
 * notices (an opt-out link: the portal's {@code /push/opt-out} page records {@code opt_out} through
 * {@code POST /v1/events}). Letters also carry a code the firm can enter on the portal.
 */
record NoticeText(String subject, String body) {

  /** The per-letter code (campaign + firm) a firm enters on the portal: {@code ABCD-1234}. */
  static String responseCode(String campaignId, String corporateNumber) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest((campaignId + "|" + corporateNumber).getBytes(StandardCharsets.UTF_8));
      String hex = HexFormat.of().formatHex(d, 0, 4).toUpperCase(Locale.ROOT);
      return hex.substring(0, 4) + "-" + hex.substring(4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  static String optOutUrl(String portalUrl, String campaignId, String corporateNumber) {
    return portalUrl
        + "/push/opt-out?cn="
        + corporateNumber
        + "&campaign="
        + URLEncoder.encode(campaignId, StandardCharsets.UTF_8)
        + "&code="
        + responseCode(campaignId, corporateNumber);
  }

  /** The short message of an inbox notice or a letter (no salutation, no link). */
  static String shortMessage(Program program, List<String> reasons) {
    StringBuilder sb = new StringBuilder();
    sb.append("貴社に合う可能性のある支援策「").append(program.name()).append("」のご案内です。");
    if (!reasons.isEmpty()) {
      sb.append("ご案内の理由：").append(String.join("／", reasons)).append("。");
    }
    sb.append("締切：").append(WarekiDate.format(program.window().closes())).append("。");
    return sb.toString();
  }

  static NoticeText email(
      Program program,
      String firmName,
      List<String> reasons,
      String campaignId,
      String corporateNumber,
      String portalUrl) {
    String subject = "【経済産業省】支援策「" + program.name() + "」のご案内";
    StringBuilder b = new StringBuilder();
    b.append(firmName == null ? "ご担当者" : firmName).append(" 御中\n\n");
    b.append("経済産業省の支援策プッシュ型通知（PolicyReach）です。\n");
    b.append("貴社に合う可能性のある支援策をお知らせします。\n\n");
    b.append("■ 支援策：").append(program.name()).append('\n');
    b.append("■ 締切：")
        .append(WarekiDate.format(program.window().closes()))
        .append("（")
        .append(program.window().closes())
        .append("）\n");
    b.append("■ 詳細：").append(program.url()).append("\n\n");
    b.append("■ このお知らせをお送りした理由\n");
    if (reasons.isEmpty()) {
      b.append("・貴社の登録情報（業種・規模・地域）が対象要件に合うため\n");
    }
    for (String r : reasons) {
      b.append("・").append(r).append('\n');
    }
    b.append("（国税庁の法人番号公表情報と、貴社の過去の電子申請の内容をもとにお送りしています。");
    b.append("このアドレスは貴社が電子申請で届け出た連絡先です。）\n\n");
    b.append("■ 配信停止\n今後このようなお知らせが不要な場合は、次のリンクから配信を停止できます。\n");
    b.append(optOutUrl(portalUrl, campaignId, corporateNumber)).append("\n\n");
    b.append("--\n");
    b.append(
            "A notice from Japan's Ministry of Economy, Trade and Industry about a support program")
        .append(" that may fit your company. To stop these notices, open the link above.\n");
    b.append("キャンペーン：").append(campaignId).append('\n');
    return new NoticeText(subject, b.toString());
  }
}
