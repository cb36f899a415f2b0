package org.policyreach.models.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.policyreach.models.ModelException;

/**
 * Versioned model artifacts in a directory ({@code <lakehouse>/_models} for a local lakehouse):
 * {@code <root>/<kind>/<model_id>.json}, one self-describing JSON document per model (no Java
 * serialization).
 *
 * <p>A model id is {@code <kind>-<yyyyMMdd of training.dataTo>-<hash8>}, where hash8 is the start
 * of the SHA-256 of the artifact's content (kind, training, metrics, model): the same model saved
 * twice gets the same id, and a load checks that the content still matches its id. {@link #latest}
 * is the model with the newest data date, then the newest {@code created_at}.
 */
public final class ModelRegistry {
  public static final String FORMAT = "policyreach-model";
  public static final int FORMAT_VERSION = 1;

  private static final Pattern ID = Pattern.compile("([a-z][a-z-]*)-(\\d{8})-([0-9a-f]{8})");
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final Path root;
  private final ObjectMapper json =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  public ModelRegistry(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /**
   * Saves a model and returns its artifact (an identical model already saved is returned as is).
   */
  public <M> ModelArtifact<M> save(
      ModelKind<M> kind, M model, TrainingInfo training, Map<String, Double> metrics) {
    metrics.forEach(
        (name, value) ->
            ModelException.check(
                value != null && Double.isFinite(value),
                "save " + kind + " model",
                "metric %s is %s; store only finite values",
                name,
                value));
    ObjectNode content = content(kind, model, training, metrics);
    String modelId =
        kind.id() + "-" + DAY.format(training.dataTo()) + "-" + hash8(canonical(content));
    Path file = file(kind, modelId);
    if (Files.exists(file)) {
      return load(kind, modelId);
    }
    Instant createdAt = Instant.now();
    ObjectNode document = json.createObjectNode();
    document.put("format", FORMAT);
    document.put("format_version", FORMAT_VERSION);
    document.put("model_id", modelId);
    document.put("created_at", createdAt.toString());
    document.setAll(content);
    write(file, document);
    return new ModelArtifact<>(modelId, kind, createdAt, training, metrics, model);
  }

  /** Loads a model of a known kind; fails if the id belongs to another kind. */
  public <M> ModelArtifact<M> load(ModelKind<M> kind, String modelId) {
    ModelKind<?> actual = kindOf(modelId);
    if (actual != kind) {
      throw new ModelException(
          "Cannot load " + modelId + " as a " + kind + " model: it is a " + actual + " model");
    }
    return read(kind, modelId);
  }

  /** Loads a model of whatever kind its id names. */
  public ModelArtifact<?> load(String modelId) {
    return read(kindOf(modelId), modelId);
  }

  public <M> Optional<ModelArtifact<M>> latest(ModelKind<M> kind) {
    List<String> ids = list(kind);
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    String newestDay = ids.stream().map(id -> dayOf(id)).max(Comparator.naturalOrder()).get();
    return ids.stream()
        .filter(id -> dayOf(id).equals(newestDay))
        .map(id -> read(kind, id))
        .max(
            Comparator.comparing((ModelArtifact<M> a) -> a.createdAt())
                .thenComparing(ModelArtifact::modelId));
  }

  /** Ids of the saved models of a kind, sorted. */
  public List<String> list(ModelKind<?> kind) {
    Path dir = root.resolve(kind.id());
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<String> ids = new ArrayList<>();
      files.forEach(
          f -> {
            String name = f.getFileName().toString();
            if (name.endsWith(".json")) {
              String id = name.substring(0, name.length() - ".json".length());
              Matcher m = ID.matcher(id);
              if (m.matches() && m.group(1).equals(kind.id())) {
                ids.add(id);
              }
            }
          });
      ids.sort(Comparator.naturalOrder());
      return List.copyOf(ids);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list models in " + dir + ": " + e.getMessage(), e);
    }
  }

  private <M> ObjectNode content(
      ModelKind<M> kind, M model, TrainingInfo training, Map<String, Double> metrics) {
    ObjectNode content = json.createObjectNode();
    content.put("kind", kind.id());
    ObjectNode t = content.putObject("training");
    t.put("data_from", training.dataFrom() == null ? null : training.dataFrom().toString());
    t.put("data_to", training.dataTo().toString());
    ObjectNode sizes = t.putObject("sample_sizes");
    training.sampleSizes().forEach(sizes::put);
    ObjectNode details = t.putObject("details");
    training.details().forEach(details::put);
    ObjectNode m = content.putObject("metrics");
    new TreeMap<>(metrics).forEach(m::put);
    kind.codec().write(model, content.putObject("model"));
    return content;
  }

  private <M> ModelArtifact<M> read(ModelKind<M> kind, String modelId) {
    Path file = file(kind, modelId);
    String where = kind + " model " + modelId + " (" + file + ")";
    JsonNode document;
    try {
      document = json.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new ModelException(
          "Cannot load "
              + kind
              + " model "
              + modelId
              + ": no artifact at "
              + file
              + "; saved "
              + kind
              + " models: "
              + list(kind),
          e);
    } catch (JsonProcessingException e) {
      throw new ModelException(
          "Cannot load " + where + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new ModelException("Cannot load " + where + ": " + e.getMessage(), e);
    }
    String format = document.path("format").asText("");
    int version = document.path("format_version").asInt(-1);
    if (!FORMAT.equals(format)) {
      throw new ModelException(
          "Cannot load "
              + where
              + ": it is not a "
              + FORMAT
              + " artifact (format \""
              + format
              + "\")");
    }
    if (version != FORMAT_VERSION) {
      throw new ModelException(
          "Cannot load "
              + where
              + ": artifact format_version "
              + document.path("format_version")
              + " is not supported by this build (it reads version "
              + FORMAT_VERSION
              + "); re-train the model with this build or use the policyreach version that"
              + " wrote it");
    }
    String storedId = Codecs.text(document, "model_id", where);
    String storedKind = Codecs.text(document, "kind", where);
    if (!storedId.equals(modelId) || !storedKind.equals(kind.id())) {
      throw new ModelException(
          "Cannot load "
              + where
              + ": the file holds "
              + storedKind
              + " model "
              + storedId
              + "; the file was renamed or copied over, restore it");
    }
    Instant createdAt;
    TrainingInfo training;
    try {
      createdAt = Instant.parse(Codecs.text(document, "created_at", where));
      training = readTraining(Codecs.field(document, "training", where), where);
    } catch (DateTimeParseException e) {
      throw new ModelException("Cannot load " + where + ": bad date (" + e.getMessage() + ")", e);
    }
    Map<String, Double> metrics = new TreeMap<>();
    Codecs.field(document, "metrics", where)
        .properties()
        .forEach(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
    M model = kind.codec().read(Codecs.field(document, "model", where), where);
    String hash = hash8(canonical(content(kind, model, training, metrics)));
    if (!modelId.endsWith("-" + hash)) {
      throw new ModelException(
          "Cannot load "
              + where
              + ": its content hashes to "
              + hash
              + ", not to the id; the artifact was edited or damaged, re-train the model");
    }
    return new ModelArtifact<>(modelId, kind, createdAt, training, metrics, model);
  }

  private static TrainingInfo readTraining(JsonNode node, String where) {
    JsonNode from = node.get("data_from");
    Map<String, Long> sizes = new TreeMap<>();
    Codecs.field(node, "sample_sizes", where)
        .properties()
        .forEach(e -> sizes.put(e.getKey(), e.getValue().asLong()));
    Map<String, String> details = new TreeMap<>();
    Codecs.field(node, "details", where)
        .properties()
        .forEach(e -> details.put(e.getKey(), e.getValue().asText()));
    return new TrainingInfo(
        from == null || from.isNull() ? null : LocalDate.parse(from.asText()),
        LocalDate.parse(Codecs.text(node, "data_to", where)),
        sizes,
        details);
  }

  private static ModelKind<?> kindOf(String modelId) {
    Matcher m = ID.matcher(modelId == null ? "" : modelId);
    if (!m.matches()) {
      throw new ModelException(
          "Cannot load model \""
              + modelId
              + "\": a model id looks like ranker-20261126-1a2b3c4d (<kind>-<yyyyMMdd>-<hash8>)");
    }
    return ModelKind.byId(m.group(1))
        .orElseThrow(
            () ->
                new ModelException(
                    "Cannot load model "
                        + modelId
                        + ": unknown kind "
                        + m.group(1)
                        + "; known kinds are "
                        + ModelKind.all()));
  }

  private static String dayOf(String modelId) {
    Matcher m = ID.matcher(modelId);
    if (!m.matches()) {
      throw new IllegalStateException(modelId);
    }
    return m.group(2);
  }

  private Path file(ModelKind<?> kind, String modelId) {
    return root.resolve(kind.id()).resolve(modelId + ".json");
  }

  private byte[] canonical(ObjectNode content) {
    try {
      return json.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(content);
    } catch (JsonProcessingException e) {
      throw new ModelException("Cannot serialize model: " + e.getOriginalMessage(), e);
    }
  }

  private static String hash8(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private void write(Path file, JsonNode document) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
      try {
        Files.writeString(tmp, json.writeValueAsString(document) + "\n", StandardCharsets.UTF_8);
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new ModelException(
          "Cannot save model to "
              + file
              + ": "
              + e.getMessage()
              + "; check the directory is writable",
          e);
    }
  }
}
