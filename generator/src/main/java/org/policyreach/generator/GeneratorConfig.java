package org.policyreach.generator;

import static java.util.Objects.requireNonNull;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/**
 * What to generate.
 *
 * @param out output folder; its {@code registry/}, {@code firm_attributes/}, {@code applications/},
 *     {@code legacy/}, {@code events/} and {@code truth/} files are replaced
 * @param firms number of firms, 1..{@value #MAX_FIRMS}
 * @param seed same seed, same options → byte-identical files
 * @param errorRate share of records that get an injected fault, 0..{@value #MAX_ERROR_RATE}
 * @param registryEncoding UTF-8 or CP932 (the two NTA variants)
 * @param asOf the day the data describes (applications and events end here)
 * @param confDir the configuration folder with {@code needs.yaml} and {@code programs/}
 * @param threads worker threads; the output does not depend on it
 * @param pushHistory also simulate past push campaigns ({@code contacts/contacts.jsonl}) with a
 *     planted effect on applications ({@code truth/push_campaigns.csv}); off by default, so the
 *     other files stay what they were without it
 */
public record GeneratorConfig(
    Path out,
    int firms,
    long seed,
    double errorRate,
    Charset registryEncoding,
    LocalDate asOf,
    Path confDir,
    int threads,
    boolean pushHistory) {

  public static final long DEFAULT_SEED = 42;
  public static final double DEFAULT_ERROR_RATE = 0.02;
  public static final LocalDate DEFAULT_AS_OF = LocalDate.of(2026, 11, 26);
  public static final int DEFAULT_FIRMS = 2_000;
  public static final int MAX_FIRMS = 10_000_000;
  public static final double MAX_ERROR_RATE = 0.5;

  public GeneratorConfig {
    requireNonNull(out, "out is null");
    requireNonNull(registryEncoding, "registryEncoding is null");
    requireNonNull(asOf, "asOf is null");
    requireNonNull(confDir, "confDir is null");
    if (firms < 1 || firms > MAX_FIRMS) {
      throw GeneratorException.badInput(
          "Cannot generate "
              + firms
              + " firms: give between 1 and "
              + MAX_FIRMS
              + " (corporate numbers and application ids are unique up to that size)");
    }
    if (!(errorRate >= 0 && errorRate <= MAX_ERROR_RATE)) {
      throw GeneratorException.badInput(
          "Cannot use error rate "
              + errorRate
              + ": give a share between 0 and "
              + MAX_ERROR_RATE
              + ", for example 0.02 for 2% faulty records");
    }
    if (asOf.isBefore(LocalDate.of(2020, 1, 1)) || asOf.isAfter(LocalDate.of(2099, 12, 31))) {
      throw GeneratorException.badInput(
          "Cannot use as-of date "
              + asOf
              + ": give a date from 2020-01-01 on (the catalog's"
              + " programs start in the 2020s)");
    }
    if (threads < 1) {
      throw GeneratorException.badInput("Cannot use " + threads + " threads: give 1 or more");
    }
  }

  /** The settings without push history. */
  public GeneratorConfig(
      Path out,
      int firms,
      long seed,
      double errorRate,
      Charset registryEncoding,
      LocalDate asOf,
      Path confDir,
      int threads) {
    this(out, firms, seed, errorRate, registryEncoding, asOf, confDir, threads, false);
  }

  public GeneratorConfig withPushHistory(boolean on) {
    return new GeneratorConfig(
        out, firms, seed, errorRate, registryEncoding, asOf, confDir, threads, on);
  }

  /** Defaults: 2,000 firms, seed 42, 2% faults, UTF-8 registry, as of 2026-11-26. */
  public static GeneratorConfig defaults(Path out, Path confDir) {
    return new GeneratorConfig(
        out,
        DEFAULT_FIRMS,
        DEFAULT_SEED,
        DEFAULT_ERROR_RATE,
        StandardCharsets.UTF_8,
        DEFAULT_AS_OF,
        confDir,
        defaultThreads());
  }

  /** Two workers on this class of machine; never more than the cores. */
  public static int defaultThreads() {
    return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * The registry encoding for an option value: {@code utf-8} (also utf8, unicode) or {@code cp932}
   * (also sjis, shift_jis, windows-31j).
   */
  public static Charset encoding(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return switch (n) {
      case "utf-8", "utf8", "unicode" -> StandardCharsets.UTF_8;
      case "cp932", "sjis", "shift-jis", "windows-31j", "ms932" -> Text.CP932;
      default ->
          throw GeneratorException.badInput(
              "Unknown encoding '" + name + "': use utf-8 or cp932 (the NTA's two variants)");
    };
  }

  public GeneratorConfig withFirms(int n) {
    return new GeneratorConfig(
        out, n, seed, errorRate, registryEncoding, asOf, confDir, threads, pushHistory);
  }

  public GeneratorConfig withSeed(long s) {
    return new GeneratorConfig(
        out, firms, s, errorRate, registryEncoding, asOf, confDir, threads, pushHistory);
  }

  public GeneratorConfig withErrorRate(double r) {
    return new GeneratorConfig(
        out, firms, seed, r, registryEncoding, asOf, confDir, threads, pushHistory);
  }

  public GeneratorConfig withRegistryEncoding(Charset c) {
    return new GeneratorConfig(out, firms, seed, errorRate, c, asOf, confDir, threads, pushHistory);
  }

  public GeneratorConfig withAsOf(LocalDate d) {
    return new GeneratorConfig(
        out, firms, seed, errorRate, registryEncoding, d, confDir, threads, pushHistory);
  }

  public GeneratorConfig withOut(Path o) {
    return new GeneratorConfig(
        o, firms, seed, errorRate, registryEncoding, asOf, confDir, threads, pushHistory);
  }

  public GeneratorConfig withThreads(int t) {
    return new GeneratorConfig(
        out, firms, seed, errorRate, registryEncoding, asOf, confDir, t, pushHistory);
  }

  /** The NTA-style name of the registry encoding: {@code utf-8} or {@code cp932}. */
  public String registryEncodingName() {
    return registryEncoding.equals(StandardCharsets.UTF_8) ? "utf-8" : "cp932";
  }
}
