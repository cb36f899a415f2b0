package org.policyreach.pipelines.push;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.policyreach.pipelines.PipelineException;

/** The delivery channels of a push campaign, in order of preference. */
public enum Channel {
  /** A notice in the firm's e-application portal inbox ({@code GET /v1/companies/{cn}/notices}). */
  INBOX("inbox", "ポータルのお知らせ"),
  /** An e-mail to the address the firm itself gave on an application. */
  EMAIL("email", "電子メール"),
  /** A letter (DM) to the registered address of the NTA registry, through a print vendor. */
  POST("post", "郵送（DM）");

  private final String code;
  private final String labelJa;

  Channel(String code, String labelJa) {
    this.code = code;
    this.labelJa = labelJa;
  }

  public String code() {
    return code;
  }

  public String labelJa() {
    return labelJa;
  }

  public static Channel parse(String code) {
    String c = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
    for (Channel ch : values()) {
      if (ch.code.equals(c)) {
        return ch;
      }
    }
    throw PipelineException.badInput(
        "Unknown channel '"
            + code
            + "': use inbox, email or post (comma-separated, e.g. inbox,post)");
  }

  /** A comma-separated list ({@code inbox,email,post}), in preference order, without repeats. */
  public static List<Channel> parseList(String list) {
    if (list == null || list.isBlank()) {
      return List.of(values());
    }
    List<Channel> out = new ArrayList<>();
    for (String part : list.split(",")) {
      Channel ch = parse(part);
      if (!out.contains(ch)) {
        out.add(ch);
      }
    }
    out.sort(null);
    return List.copyOf(out);
  }

  public static List<String> codes(List<Channel> channels) {
    return channels.stream().map(Channel::code).toList();
  }

  public static List<Channel> ofCodes(List<String> codes) {
    return codes.stream().map(Channel::parse).sorted().toList();
  }

  @Override
  public String toString() {
    return code;
  }

  static List<Channel> all() {
    return Arrays.asList(values());
  }
}
