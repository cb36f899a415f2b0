package org.policyreach.serving.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.policyreach.core.CorporateNumber;
import org.policyreach.core.DomainException;
import org.policyreach.core.Program;
import org.policyreach.serving.ServingException;
import org.policyreach.serving.http.ApiRequest;
import org.policyreach.serving.http.ApiResponse;
import org.policyreach.serving.http.Json;
import org.policyreach.serving.snapshot.FirmTable;
import org.policyreach.serving.snapshot.Reason;
import org.policyreach.serving.snapshot.RecommendationTable;
import org.policyreach.serving.snapshot.Snapshot;

/**
 * {@code GET /v1/companies/{cn}/recommendations} and {@code POST /v1/recommendations/batch}: the
 * published top-K of a firm (programs whose deadline has passed since the build are dropped and the
 * rest re-ranked), or for a new firm rules-and-peers recommendations computed on the spot. A firm
 * that opted out gets an empty list.
 *
 * <p>This is the hot route: the response is assembled from UTF-8 fragments encoded once per
 * snapshot (program id, name and URL; each interned reason list), so a request copies bytes instead
 * of escaping and encoding Japanese text.
 */
public final class RecommendationsApi {
  /** The most firms one batch call may ask for. */
  public static final int MAX_BATCH_FIRMS = 100;

  /** The most recommendations one firm may get per call. */
  public static final int MAX_LIMIT = 50;

  private final ServingContext ctx;
  private volatile Fragments fragments;

  public RecommendationsApi(ServingContext ctx) {
    this.ctx = ctx;
  }

  public ApiResponse one(ApiRequest r) {
    Snapshot s = r.snapshot();
    CorporateNumber cn = Firms.parse(r, r.pathParam("cn"));
    int limit = limit(r.query("limit"));
    int slot = s.firms().slotOf(cn.value());
    Optional<ColdStart.NewFirm> newFirm = ColdStart.fromQuery(r);
    if (slot < 0 && newFirm.isEmpty()) {
      throw Firms.unknown(cn, s);
    }
    JsonBytes out = new JsonBytes(5120);
    if (slot >= 0) {
      writeKnown(out, s, cn.value(), slot, limit, r.today(), false);
    } else {
      writeColdStart(out, s, cn, newFirm.get(), limit, r.today());
    }
    return ApiResponse.bytes(200, ApiResponse.JSON, out.buffer(), out.size());
  }

  /** Body of {@code POST /v1/recommendations/batch}. */
  public record BatchRequest(
      @JsonProperty("corporate_numbers") List<String> corporateNumbers,
      @JsonProperty("limit") Integer limit) {}

  public ApiResponse batch(ApiRequest r) {
    BatchRequest req = Json.read(r.body(), BatchRequest.class);
    if (req.corporateNumbers() == null) {
      throw ServingException.badRequest(
          "MISSING_FIELD",
          "Field $.corporate_numbers is required: a list of up to "
              + MAX_BATCH_FIRMS
              + " corporate numbers");
    }
    if (req.corporateNumbers().size() > MAX_BATCH_FIRMS) {
      throw ServingException.badRequest(
          "BATCH_TOO_LARGE",
          "The batch asks for "
              + req.corporateNumbers().size()
              + " firms; the limit is "
              + MAX_BATCH_FIRMS
              + " per call: split it");
    }
    int nullAt = req.corporateNumbers().indexOf(null);
    if (nullAt >= 0) {
      throw ServingException.badRequest(
          "INVALID_FIELD",
          "Field $.corporate_numbers["
              + nullAt
              + "] is null: every entry must be a corporate number string, for example"
              + " \"4010401098455\"");
    }
    int limit = req.limit() == null ? ctx.config().recommend().topK() : checkLimit(req.limit());
    Snapshot s = r.snapshot();
    JsonBytes out = new JsonBytes(4096 * Math.max(1, req.corporateNumbers().size()));
    out.ascii("{\"publication\":").string(s.publicationId()).ascii(",\"results\":[");
    boolean first = true;
    for (String raw : req.corporateNumbers()) {
      if (!first) {
        out.ch(',');
      }
      first = false;
      CorporateNumber cn;
      try {
        cn = CorporateNumber.parse(raw);
        r.touched(cn.value());
      } catch (DomainException e) {
        r.touched(null);
        out.ascii("{\"input\":").string(raw).ascii(",\"status\":400,");
        error(out, "INVALID_CORPORATE_NUMBER", e.getMessage());
        continue;
      }
      int slot = s.firms().slotOf(cn.value());
      if (slot < 0) {
        out.ascii("{\"corporate_number\":").string(cn.value()).ascii(",\"status\":404,");
        error(out, "FIRM_UNKNOWN", Firms.unknown(cn, s).getMessage());
        continue;
      }
      writeKnown(out, s, cn.value(), slot, limit, r.today(), true);
    }
    out.ascii("]}");
    return ApiResponse.bytes(200, ApiResponse.JSON, out.toByteArray());
  }

  private static void error(JsonBytes out, String code, String message) {
    out.ascii("\"error\":{\"code\":")
        .string(code)
        .ascii(",\"message\":")
        .string(message)
        .ascii("}}");
  }

  private int limit(String raw) {
    if (raw == null) {
      return ctx.config().recommend().topK();
    }
    int v;
    try {
      v = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw ServingException.badRequest(
          "INVALID_PARAMETER", "limit=" + raw + " is not a whole number: give 1 to " + MAX_LIMIT);
    }
    return checkLimit(v);
  }

  private static int checkLimit(int v) {
    if (v < 1 || v > MAX_LIMIT) {
      throw ServingException.badRequest(
          "INVALID_PARAMETER", "limit=" + v + " is out of range: give 1 to " + MAX_LIMIT);
    }
    return v;
  }

  private void writeKnown(
      JsonBytes out, Snapshot s, String cn, int slot, int limit, LocalDate today, boolean inBatch) {
    FirmTable firms = s.firms();
    Fragments f = fragmentsFor(s);
    boolean suppressed =
        ctx.events().consent().suppressed(cn, firms.optedOut(slot), s.publication().createdAt());
    out.ascii("{\"corporate_number\":\"").ascii(cn).ch('"');
    if (inBatch) {
      out.ascii(",\"status\":200");
    } else {
      out.ascii(",\"publication\":").raw(f.publication);
    }
    out.ascii(",\"source\":\"snapshot\",\"opted_out\":").bool(suppressed);
    out.ascii(",\"recommendations\":[");
    if (!suppressed) {
      RecommendationTable recs = s.recommendations();
      long todayDay = today.toEpochDay();
      int written = 0;
      for (int e = recs.first(slot); e < recs.end(slot) && written < limit; e++) {
        int program = recs.programIndex(e);
        Program p = f.programs[program];
        int deadlineIndex = recs.deadlineIndex(e);
        int deadline =
            deadlineIndex >= 0
                ? recs.deadlineDayAt(deadlineIndex)
                : p != null ? (int) p.window().closes().toEpochDay() : Integer.MIN_VALUE;
        if (deadline != Integer.MIN_VALUE && deadline < todayDay) {
          continue; // closed since the build
        }
        if (written++ > 0) {
          out.ch(',');
        }
        out.raw(f.head[program]);
        out.decimal4(recs.score(e)).ascii(",\"rank\":").number(written);
        out.ascii(",\"reasons\":").raw(f.reasons(recs.reasonListIndex(e)));
        if (deadline == Integer.MIN_VALUE) {
          out.ascii(",\"deadline\":null,\"days_left\":null");
        } else {
          out.raw(deadlineIndex >= 0 ? f.deadlines[deadlineIndex] : deadlineField(deadline));
          out.number(deadline - todayDay);
        }
        if (p != null && p.window().opens().toEpochDay() > todayDay) {
          out.ascii(",\"opens\":\"").ascii(p.window().opens().toString()).ch('"');
        }
        out.raw(f.tail[program]);
      }
    }
    out.ascii("]}");
  }

  private void writeColdStart(
      JsonBytes out,
      Snapshot s,
      CorporateNumber cn,
      ColdStart.NewFirm firm,
      int limit,
      LocalDate today) {
    boolean suppressed =
        ctx.events().consent().suppressed(cn.value(), false, s.publication().createdAt());
    List<ColdStart.Entry> entries =
        suppressed ? List.of() : ctx.coldStart().rank(s, cn, firm, today, limit);
    out.ascii("{\"corporate_number\":\"").ascii(cn.value()).ascii("\",\"publication\":");
    out.string(s.publicationId())
        .ascii(",\"source\":\"cold_start\",\"opted_out\":")
        .bool(suppressed);
    out.ascii(",\"recommendations\":[");
    long todayDay = today.toEpochDay();
    int rank = 0;
    for (ColdStart.Entry e : entries) {
      if (rank++ > 0) {
        out.ch(',');
      }
      Program p = e.program();
      out.raw(head(p.id(), p));
      out.decimal4(e.score()).ascii(",\"rank\":").number(rank);
      out.ascii(",\"reasons\":").raw(reasonsJson(e.reasons()));
      writeDeadline(out, (int) p.window().closes().toEpochDay(), todayDay, p);
      out.raw(tail(p));
    }
    out.ascii("]}");
  }

  private static void writeDeadline(JsonBytes out, int deadline, long todayDay, Program p) {
    if (deadline == Integer.MIN_VALUE) {
      out.ascii(",\"deadline\":null,\"days_left\":null");
    } else {
      out.ascii(",\"deadline\":\"").ascii(LocalDate.ofEpochDay(deadline).toString());
      out.ascii("\",\"days_left\":").number(deadline - todayDay);
    }
    if (p != null && p.window().opens().toEpochDay() > todayDay) {
      out.ascii(",\"opens\":\"").ascii(p.window().opens().toString()).ch('"');
    }
  }

  // ------------------------------------------------------------------ pre-encoded fragments

  private Fragments fragmentsFor(Snapshot s) {
    Fragments f = fragments;
    if (f == null || f.snapshot != s) {
      f = new Fragments(s, ctx);
      fragments = f;
    }
    return f;
  }

  /** {@code {"program_id":…,"name":…,"score":} for one program. */
  private static byte[] head(String programId, Program p) {
    JsonBytes b = new JsonBytes(128);
    b.ascii("{\"program_id\":").string(programId);
    b.ascii(",\"name\":").string(p == null ? null : p.name()).ascii(",\"score\":");
    return b.toByteArray();
  }

  /** {@code ,"url":…} and the entry's closing brace. */
  private static byte[] tail(Program p) {
    JsonBytes b = new JsonBytes(96);
    b.ascii(",\"url\":").string(p == null ? null : p.url()).ch('}');
    return b.toByteArray();
  }

  private static byte[] reasonsJson(List<Reason> reasons) {
    JsonBytes b = new JsonBytes(64 + reasons.size() * 128);
    b.ch('[');
    for (int i = 0; i < reasons.size(); i++) {
      if (i > 0) {
        b.ch(',');
      }
      Reason r = reasons.get(i);
      b.ascii("{\"code\":").string(r.code()).ascii(",\"message\":").string(r.message()).ch('}');
    }
    return b.ch(']').toByteArray();
  }

  /** {@code ,"deadline":"YYYY-MM-DD","days_left":} */
  private static byte[] deadlineField(int epochDay) {
    return (",\"deadline\":\"" + LocalDate.ofEpochDay(epochDay) + "\",\"days_left\":")
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** The UTF-8 pieces of one snapshot's responses, built once per snapshot. */
  private static final class Fragments {
    final Snapshot snapshot;
    final byte[] publication;
    final Program[] programs;
    final byte[][] head;
    final byte[][] tail;
    private final RecommendationTable recs;
    private final AtomicReferenceArray<byte[]> reasons;
    final byte[][] deadlines;

    Fragments(Snapshot s, ServingContext ctx) {
      this.snapshot = s;
      this.recs = s.recommendations();
      this.publication = JsonBytes.quoted(s.publicationId());
      this.reasons = new AtomicReferenceArray<>(recs.reasonListCount());
      this.deadlines = new byte[recs.deadlineCount()][];
      for (int i = 0; i < deadlines.length; i++) {
        deadlines[i] = deadlineField(recs.deadlineDayAt(i));
      }
      int n = recs.programCount();
      programs = new Program[n];
      head = new byte[n][];
      tail = new byte[n][];
      for (int i = 0; i < n; i++) {
        String id = recs.programIdAt(i);
        programs[i] = ctx.programs().find(id).orElse(null);
        head[i] = head(id, programs[i]);
        tail[i] = tail(programs[i]);
      }
    }

    byte[] reasons(int list) {
      byte[] b = reasons.get(list);
      if (b == null) {
        b = reasonsJson(recs.reasonListAt(list));
        reasons.set(list, b);
      }
      return b;
    }
  }
}
