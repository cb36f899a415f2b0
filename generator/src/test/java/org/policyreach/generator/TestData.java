package org.policyreach.generator;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.ProgramCatalog;

/** The project's configuration and one generated dataset shared by the tests of a JVM. */
final class TestData {
  private TestData() {}

  static final int FIRMS = 2_000;

  private static Generated small;

  /** A generated dataset and its truth. */
  record Generated(Path dir, GenerationSummary summary, Map<String, Map<Long, String>> faults) {
    /** Fault kind id at a physical line of a file, or null. */
    String faultAt(String file, long line) {
      return faults.getOrDefault(file, Map.of()).get(line);
    }
  }

  static Path conf() {
    String root = System.getProperty("policyreach.project.root");
    if (root != null && Files.isRegularFile(Path.of(root, "conf", "needs.yaml"))) {
      return Path.of(root, "conf");
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("conf/needs.yaml"))) {
        return d.resolve("conf");
      }
    }
    throw new IllegalStateException("conf/ not found: set -Dpolicyreach.project.root");
  }

  static NeedCatalog needs() {
    return NeedCatalog.load(conf().resolve("needs.yaml"));
  }

  static ProgramCatalog programs() {
    return ProgramCatalog.load(conf().resolve("programs"), needs());
  }

  /** 2,000 firms, default seed and options, generated once per test JVM. */
  static synchronized Generated small() {
    if (small == null) {
      try {
        Path dir = Files.createTempDirectory("policyreach-generator-test");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
        small = generate(GeneratorConfig.defaults(dir, conf()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return small;
  }

  static Generated generate(GeneratorConfig config) {
    GenerationSummary summary = new Generator(config).run();
    return new Generated(config.out(), summary, readFaults(config.out()));
  }

  static Map<String, Map<Long, String>> readFaults(Path dir) {
    Map<String, Map<Long, String>> faults = new HashMap<>();
    for (CSVRecord r :
        csv(dir.resolve("truth/faults.csv"), java.nio.charset.StandardCharsets.UTF_8, true)) {
      faults
          .computeIfAbsent(r.get("file"), f -> new HashMap<>())
          .put(Long.parseLong(r.get("line")), r.get("kind"));
    }
    return faults;
  }

  /** Physical lines, decoded strictly (a byte sequence invalid in the charset fails). */
  static List<String> lines(Path file, Charset charset) {
    try {
      String text =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
      List<String> lines = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
          lines.add(text.substring(start, end));
          start = i + 1;
        }
      }
      if (start < text.length()) {
        lines.add(text.substring(start));
      }
      return lines;
    } catch (CharacterCodingException e) {
      throw new AssertionError(file + " does not decode as " + charset + ": " + e, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One CSV line's fields (RFC 4180). */
  static List<String> csvFields(String line) {
    try (CSVParser p = CSVParser.parse(line, CSVFormat.RFC4180)) {
      List<CSVRecord> records = p.getRecords();
      if (records.size() != 1) {
        throw new AssertionError("expected one CSV record in line: " + line);
      }
      return records.get(0).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<CSVRecord> csv(Path file, Charset charset, boolean header) {
    CSVFormat format =
        header
            ? CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
            : CSVFormat.RFC4180;
    try (Reader r = Files.newBufferedReader(file, charset);
        CSVParser p = CSVParser.parse(r, format)) {
      return p.getRecords();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // temp data; the OS cleans up eventually
    }
  }
}
