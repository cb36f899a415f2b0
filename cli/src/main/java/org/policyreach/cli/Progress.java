package org.policyreach.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of long work: stage, records, elapsed time and rate. On a terminal it redraws one line;
 * otherwise (logs, Airflow, CI) it prints a plain line at most every few seconds.
 */
public final class Progress {
  private static final long LOG_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

  private final PrintWriter err;
  private final boolean terminal;
  private String stage = "";
  private long stageStart;
  private long lastPrint;

  public Progress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  public static Progress forConsole(PrintWriter err) {
    return new Progress(err, System.console() != null && System.getenv("CI") == null);
  }

  /** Starts a stage; the previous one, if any, is considered finished. */
  public synchronized void stage(String name) {
    stage = name;
    stageStart = System.nanoTime();
    lastPrint = 0;
    print(String.format(Locale.ROOT, "[%s] started", name), true);
  }

  /** Reports records processed so far in the current stage. */
  public synchronized void update(long records) {
    long now = System.nanoTime();
    if (!terminal && now - lastPrint < LOG_EVERY_NANOS) {
      return;
    }
    lastPrint = now;
    double secs = Math.max(1e-9, (now - stageStart) / 1e9);
    print(
        String.format(
            Locale.ROOT,
            "[%s] %,d records, %.1f s, %,.0f rec/s",
            stage,
            records,
            secs,
            records / secs),
        false);
  }

  /** Ends the current stage with a summary. */
  public synchronized void done(String summary) {
    double secs = (System.nanoTime() - stageStart) / 1e9;
    print(String.format(Locale.ROOT, "[%s] done in %.1f s: %s", stage, secs, summary), true);
  }

  private void print(String line, boolean keep) {
    if (terminal) {
      err.print("\r\033[K" + line + (keep ? "\n" : ""));
    } else {
      err.println(line);
    }
    err.flush();
  }
}
