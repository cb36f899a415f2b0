package org.policyreach.serving.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
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
 */
public final class RecommendationsApi {
  /** The most firms one batch call may ask for. */
  public static final int MAX_BATCH_FIRMS = 100;

  /** The most recommendations one firm may get per call. */
  public static final int MAX_LIMIT = 50;

  private final ServingContext ctx;

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
    ByteArrayOutputStream buf = new ByteArrayOutputStream(2048);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(buf)) {
      if (slot >= 0) {
        writeKnown(g, s, cn.value(), slot, limit, r.today());
      } else {
        writeColdStart(g, s, cn, newFirm.get(), limit, r.today());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ApiResponse.bytes(200, ApiResponse.JSON, buf.toByteArray());
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
    int limit = req.limit() == null ? ctx.config().recommend().topK() : checkLimit(req.limit());
    Snapshot s = r.snapshot();
    ByteArrayOutputStream buf = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(buf)) {
      g.writeStartObject();
      g.writeStringField("publication", s.publicationId());
      g.writeArrayFieldStart("results");
      for (String raw : req.corporateNumbers()) {
        CorporateNumber cn;
        try {
          cn = CorporateNumber.parse(raw);
          r.touched(cn.value());
        } catch (DomainException e) {
          r.touched(null);
          g.writeStartObject();
          g.writeStringField("input", raw);
          g.writeNumberField("status", 400);
          writeError(g, "INVALID_CORPORATE_NUMBER", e.getMessage());
          g.writeEndObject();
          continue;
        }
        int slot = s.firms().slotOf(cn.value());
        if (slot < 0) {
          g.writeStartObject();
          g.writeStringField("corporate_number", cn.value());
          g.writeNumberField("status", 404);
          writeError(g, "FIRM_UNKNOWN", Firms.unknown(cn, s).getMessage());
          g.writeEndObject();
          continue;
        }
        writeKnown(g, s, cn.value(), slot, limit, r.today(), true);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ApiResponse.bytes(200, ApiResponse.JSON, buf.toByteArray());
  }

  private static void writeError(JsonGenerator g, String code, String message) throws IOException {
    g.writeObjectFieldStart("error");
    g.writeStringField("code", code);
    g.writeStringField("message", message);
    g.writeEndObject();
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
      JsonGenerator g, Snapshot s, String cn, int slot, int limit, LocalDate today)
      throws IOException {
    writeKnown(g, s, cn, slot, limit, today, false);
  }

  private void writeKnown(
      JsonGenerator g, Snapshot s, String cn, int slot, int limit, LocalDate today, boolean inBatch)
      throws IOException {
    FirmTable firms = s.firms();
    g.writeStartObject();
    g.writeStringField("corporate_number", cn);
    if (inBatch) {
      g.writeNumberField("status", 200);
    } else {
      g.writeStringField("publication", s.publicationId());
    }
    g.writeStringField("source", "snapshot");
    boolean suppressed =
        ctx.events().consent().suppressed(cn, firms.optedOut(slot), s.publication().createdAt());
    g.writeBooleanField("opted_out", suppressed);
    g.writeArrayFieldStart("recommendations");
    if (!suppressed) {
      RecommendationTable recs = s.recommendations();
      long todayDay = today.toEpochDay();
      int written = 0;
      for (int e = recs.first(slot); e < recs.end(slot) && written < limit; e++) {
        String programId = recs.programId(e);
        Program p = ctx.programs().find(programId).orElse(null);
        int deadline = recs.deadlineEpochDay(e);
        if (deadline == Integer.MIN_VALUE && p != null) {
          deadline = (int) p.window().closes().toEpochDay();
        }
        if (deadline != Integer.MIN_VALUE && deadline < todayDay) {
          continue; // closed since the build
        }
        written++;
        writeEntry(g, programId, p, written, recs.score(e), recs.reasons(e), deadline, todayDay);
      }
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private void writeColdStart(
      JsonGenerator g,
      Snapshot s,
      CorporateNumber cn,
      ColdStart.NewFirm firm,
      int limit,
      LocalDate today)
      throws IOException {
    boolean suppressed =
        ctx.events().consent().suppressed(cn.value(), false, s.publication().createdAt());
    List<ColdStart.Entry> entries =
        suppressed ? List.of() : ctx.coldStart().rank(s, cn, firm, today, limit);
    g.writeStartObject();
    g.writeStringField("corporate_number", cn.value());
    g.writeStringField("publication", s.publicationId());
    g.writeStringField("source", "cold_start");
    g.writeBooleanField("opted_out", suppressed);
    g.writeArrayFieldStart("recommendations");
    long todayDay = today.toEpochDay();
    int rank = 0;
    for (ColdStart.Entry e : entries) {
      rank++;
      writeEntry(
          g,
          e.program().id(),
          e.program(),
          rank,
          e.score(),
          e.reasons(),
          (int) e.program().window().closes().toEpochDay(),
          todayDay);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeEntry(
      JsonGenerator g,
      String programId,
      Program p,
      int rank,
      double score,
      List<Reason> reasons,
      int deadline,
      long todayDay)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("program_id", programId);
    g.writeStringField("name", p == null ? null : p.name());
    g.writeNumberField("score", Double.isNaN(score) ? 0.0 : Math.round(score * 10_000) / 10_000.0);
    g.writeNumberField("rank", rank);
    g.writeArrayFieldStart("reasons");
    for (Reason reason : reasons) {
      g.writeStartObject();
      g.writeStringField("code", reason.code());
      g.writeStringField("message", reason.message());
      g.writeEndObject();
    }
    g.writeEndArray();
    if (deadline == Integer.MIN_VALUE) {
      g.writeNullField("deadline");
      g.writeNullField("days_left");
    } else {
      g.writeStringField("deadline", LocalDate.ofEpochDay(deadline).toString());
      g.writeNumberField("days_left", deadline - todayDay);
    }
    if (p != null && p.window().opens().toEpochDay() > todayDay) {
      g.writeStringField("opens", p.window().opens().toString());
    }
    g.writeStringField("url", p == null ? null : p.url());
    g.writeEndObject();
  }
}
