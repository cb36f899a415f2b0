package org.policyreach.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A thin entry point for benchmarks and scripts that should not load the CLI's Spark classpath:
 * {@code java -cp … org.policyreach.generator.GeneratorMain --out DIR --firms N [--seed S]
 * [--error-rate R] [--encoding utf-8|cp932] [--as-of DATE] [--threads N] [--conf DIR]}. Prints one
 * JSON summary line. Users run {@code bin/policyreach generate} instead.
 */
public final class GeneratorMain {
  private GeneratorMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        usage("unexpected argument '" + args[i] + "'");
      }
      opts.put(args[i].substring(2), args[++i]);
    }
    if (!opts.containsKey("out")) {
      usage("--out is required");
    }
    try {
      GeneratorConfig config =
          new GeneratorConfig(
              Path.of(opts.remove("out")),
              Integer.parseInt(
                  opts.getOrDefault("firms", Integer.toString(GeneratorConfig.DEFAULT_FIRMS))),
              Long.parseLong(
                  opts.getOrDefault("seed", Long.toString(GeneratorConfig.DEFAULT_SEED))),
              Double.parseDouble(
                  opts.getOrDefault(
                      "error-rate", Double.toString(GeneratorConfig.DEFAULT_ERROR_RATE))),
              GeneratorConfig.encoding(opts.getOrDefault("encoding", "utf-8")),
              LocalDate.parse(opts.getOrDefault("as-of", GeneratorConfig.DEFAULT_AS_OF.toString())),
              Path.of(opts.getOrDefault("conf", "conf")),
              Integer.parseInt(
                  opts.getOrDefault(
                      "threads", Integer.toString(GeneratorConfig.defaultThreads()))));
      opts.keySet()
          .removeAll(
              java.util.List.of(
                  "firms", "seed", "error-rate", "encoding", "as-of", "conf", "threads"));
      if (!opts.isEmpty()) {
        usage("unknown option --" + opts.keySet().iterator().next());
      }
      GenerationSummary s = new Generator(config).run();
      Map<String, Object> m = new LinkedHashMap<>(s.toMap());
      m.put("seconds", Math.round(s.seconds() * 10) / 10.0);
      System.out.println(new ObjectMapper().writeValueAsString(m));
    } catch (GeneratorException
        | NumberFormatException
        | java.time.format.DateTimeParseException e) {
      System.err.println("generate: " + e.getMessage());
      System.exit(2);
    }
  }

  private static void usage(String problem) {
    System.err.println(
        "generate: "
            + problem
            + "\nusage: GeneratorMain --out DIR [--firms N] [--seed S] [--error-rate R]"
            + " [--encoding utf-8|cp932] [--as-of YYYY-MM-DD] [--threads N] [--conf DIR]");
    System.exit(2);
  }
}
