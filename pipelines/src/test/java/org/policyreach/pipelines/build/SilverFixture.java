package org.policyreach.pipelines.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.policyreach.core.CorporateNumber;
import org.policyreach.ingestion.Lakehouse;

/** Hand-built silver tables (the columns of {@link SilverSchemas}) for build tests. */
public final class SilverFixture {
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  private final List<Row> firms = new ArrayList<>();
  private final List<Row> applications = new ArrayList<>();
  private final List<Row> events = new ArrayList<>();

  public static String cn(int n) {
    return CorporateNumber.ofBase(String.format("%012d", 100_000_000L + n)).value();
  }

  public SilverFixture firm(
      int n, String pref, String jsic, String size, Integer employees, String established) {
    return firm(n, pref, jsic, size, employees, established, "2015-01-01", "active", null);
  }

  public SilverFixture firm(
      int n,
      String pref,
      String jsic,
      String size,
      Integer employees,
      String established,
      String assigned,
      String status,
      String closed) {
    firms.add(
        RowFactory.create(
            cn(n),
            "株式会社テスト" + n,
            pref,
            status,
            date(closed),
            date(assigned),
            jsic,
            null,
            employees == null ? null : employees * 1_000_000L,
            employees,
            date(established),
            size,
            date(closed == null ? assigned : closed),
            null));
    return this;
  }

  /** An application with one status change per "status@yyyy-MM-dd" entry of the history. */
  public SilverFixture application(
      String id,
      int firm,
      String program,
      String submitted,
      String purpose,
      List<String> tags,
      String... history) {
    List<Row> changes = new ArrayList<>();
    changes.add(RowFactory.create("submitted", ts(submitted), "b1"));
    String last = "submitted";
    Timestamp decided = null;
    for (String h : history) {
      String[] parts = h.split("@");
      changes.add(RowFactory.create(parts[0], ts(parts[1]), "b2"));
      last = parts[0];
      decided = ts(parts[1]);
    }
    applications.add(
        RowFactory.create(
            id,
            program,
            cn(firm),
            "applications",
            ts(submitted),
            date(submitted),
            last,
            decided,
            changes,
            purpose,
            tags));
    return this;
  }

  public SilverFixture event(String id, int firm, String type, String at) {
    events.add(RowFactory.create(id, cn(firm), null, type, ts(at), "portal"));
    return this;
  }

  /** A copy with everything of this fixture. */
  public SilverFixture copy() {
    SilverFixture c = new SilverFixture();
    c.firms.addAll(firms);
    c.applications.addAll(applications);
    c.events.addAll(events);
    return c;
  }

  /** Replaces an application (same id) — e.g. with a later status history. */
  public SilverFixture replaceApplication(String id) {
    applications.removeIf(r -> r.getString(0).equals(id));
    return this;
  }

  public SilverFixture removeFirm(int n) {
    firms.removeIf(r -> r.getString(0).equals(cn(n)));
    return this;
  }

  public void write(SparkSession spark, Lakehouse lakehouse) {
    spark
        .createDataFrame(firms, SilverSchemas.FIRMS)
        .write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .save(lakehouse.path("silver", "firms"));
    spark
        .createDataFrame(applications, SilverSchemas.APPLICATIONS)
        .write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .save(lakehouse.path("silver", "applications"));
    spark
        .createDataFrame(events, SilverSchemas.EVENTS)
        .write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .save(lakehouse.path("silver", "events"));
  }

  /**
   * The project's conf/ (needs, programs, segments; policyreach.yaml defaults) copied to {@code
   * dir}.
   */
  public static Path projectConf(Path dir) {
    Path root = Path.of(System.getProperty("policyreach.project.root", ".."));
    Path conf = root.resolve("conf");
    if (!Files.isDirectory(conf)) {
      conf = Path.of("..", "conf");
    }
    try {
      Path target = dir.resolve("conf");
      Files.createDirectories(target.resolve("programs"));
      for (String f : List.of("needs.yaml", "segments.yaml")) {
        if (Files.exists(conf.resolve(f))) {
          Files.copy(conf.resolve(f), target.resolve(f));
        }
      }
      try (Stream<Path> programs = Files.list(conf.resolve("programs"))) {
        for (Path p : programs.toList()) {
          Files.copy(p, target.resolve("programs").resolve(p.getFileName()));
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Date date(String s) {
    return s == null ? null : Date.valueOf(LocalDate.parse(s.substring(0, 10)));
  }

  private static Timestamp ts(String s) {
    if (s == null) {
      return null;
    }
    LocalDateTime t = s.length() == 10 ? LocalDate.parse(s).atTime(10, 0) : LocalDateTime.parse(s);
    return Timestamp.from(t.atZone(TOKYO).toInstant());
  }

  static List<String> tags(String... t) {
    return Arrays.asList(t);
  }
}
