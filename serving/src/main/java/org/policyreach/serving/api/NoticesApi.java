package org.policyreach.serving.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.policyreach.core.CorporateNumber;
import org.policyreach.core.Program;
import org.policyreach.serving.http.ApiRequest;
import org.policyreach.serving.http.ApiResponse;
import org.policyreach.serving.snapshot.NoticeBoard;
import org.policyreach.serving.snapshot.Snapshot;

/**
 * {@code GET /v1/companies/{cn}/notices}: the push notices delivered to the firm's portal inbox,
 * newest first — notice id, campaign, program, the Japanese message with its reasons, deadline, URL
 * and send time. A firm that opted out sees none; a holdout or untreated firm has none. The portal
 * reports {@code notice_opened}/{@code notice_clicked} back through {@code POST /v1/events}.
 */
public final class NoticesApi {
  private final ServingContext ctx;
  private final NoticeBoard board;

  public NoticesApi(ServingContext ctx, NoticeBoard board) {
    this.ctx = ctx;
    this.board = board;
  }

  public ApiResponse notices(ApiRequest r) {
    Snapshot s = r.snapshot();
    CorporateNumber cn = Firms.parse(r, r.pathParam("cn"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("corporate_number", cn.value());
    List<Map<String, Object>> out = new ArrayList<>();
    body.put("notices", out);
    if (Firms.suppressed(ctx, s, cn.value())) {
      body.put("opted_out", true);
      return ApiResponse.ok(body);
    }
    body.put("opted_out", false);
    for (NoticeBoard.Notice n : board.of(cn.value())) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("notice_id", n.noticeId());
      m.put("campaign_id", n.campaignId());
      m.put("program_id", n.programId());
      Program p = n.programId() == null ? null : ctx.programs().find(n.programId()).orElse(null);
      m.put("program_name", p == null ? null : p.name());
      m.put("message", n.message());
      m.put("deadline", p == null ? null : p.window().closes().toString());
      m.put("url", p == null ? null : p.url());
      m.put("sent_at", n.sentAt().toString());
      out.add(m);
    }
    return ApiResponse.ok(body);
  }
}
