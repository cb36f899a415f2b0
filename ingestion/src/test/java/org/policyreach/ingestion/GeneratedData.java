package org.policyreach.ingestion;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.policyreach.core.ConfPaths;
import org.policyreach.generator.Generator;
import org.policyreach.generator.GeneratorConfig;

/** A dataset written by the project's generator, with its injected faults. */
final class GeneratedData {

  /**
   * One injected fault: file relative to the dataset ({@code applications/x.jsonl}), line, kind.
   */
  record Fault(String file, long line, String kind, String corporateNumber, String applicationId) {
    String fileName() {
      return file.substring(file.lastIndexOf('/') + 1);
    }

    String folder() {
      return file.substring(0, file.indexOf('/'));
    }
  }

  final Path dir;
  final List<Fault> faults;

  private GeneratedData(Path dir, List<Fault> faults) {
    this.dir = dir;
    this.faults = faults;
  }

  static GeneratedData generate(Path dir, int firms, double errorRate, Charset registry) {
    GeneratorConfig config =
        GeneratorConfig.defaults(dir, ConfPaths.locate())
            .withFirms(firms)
            .withErrorRate(errorRate)
            .withRegistryEncoding(registry)
            .withThreads(1);
    new Generator(config).run();
    return new GeneratedData(dir, readFaults(dir.resolve("truth/faults.csv")));
  }

  Path folder(String name) {
    return dir.resolve(name);
  }

  List<Fault> faults(String folder) {
    return faults.stream().filter(f -> f.folder().equals(folder)).toList();
  }

  List<Fault> faults(String folder, String kind) {
    return faults(folder).stream().filter(f -> f.kind().equals(kind)).toList();
  }

  /** Non-blank data lines of a folder's files (the header of a headed CSV excluded). */
  long dataLines(String folder, Charset charset, boolean header) {
    long n = 0;
    try (Stream<Path> files = Files.list(dir.resolve(folder))) {
      for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
        List<String> lines = Files.readAllLines(f, charset);
        for (int i = header ? 1 : 0; i < lines.size(); i++) {
          if (!lines.get(i).isBlank()) {
            n++;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }

  private static List<Fault> readFaults(Path csv) {
    List<Fault> out = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      for (CSVRecord rec :
          CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
        out.add(
            new Fault(
                rec.get("file"),
                Long.parseLong(rec.get("line")),
                rec.get("kind"),
                rec.get("corporate_number"),
                rec.get("application_id")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
