package org.policyreach.serving.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.policyreach.serving.ServingException;
import org.policyreach.serving.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of push campaigns, without Spark: it reads the campaign status files that the
 * {@code push} commands write ({@code <lakehouse>/_push/<campaign>/status.json}, counts only) and
 * queues the officer's requests ({@code <lakehouse>/_push/requests/<request_id>.json}) for {@code
 * policyreach push worker}, which runs them with Spark and writes {@code <request_id>.state.json}.
 * Files are written to a temporary name, forced to disk and renamed.
 */
public final class CampaignDesk {
  private static final Logger LOG = LoggerFactory.getLogger(CampaignDesk.class);
  public static final Pattern CAMPAIGN_ID = Pattern.compile("cmp-[0-9A-Za-z-]{1,64}");
  public static final Pattern REQUEST_ID = Pattern.compile("req-[0-9A-Za-z-]{1,64}");
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final Path pushDir;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param pushDir {@code <lakehouse>/_push}, or null for a lakehouse that is not local (the
   *     campaign routes then answer 503)
   */
  public CampaignDesk(Path pushDir, Clock clock) {
    this.pushDir = pushDir;
    this.clock = clock;
  }

  private Path root() {
    if (pushDir == null) {
      throw new ServingException(
          503,
          "CAMPAIGNS_UNAVAILABLE",
          "Push campaigns need a local lakehouse (their files live beside it); this server reads"
              + " a remote one. Use policyreach push plan / send on a host with the lakehouse");
    }
    return pushDir;
  }

  private Path requests() {
    return root().resolve("requests");
  }

  /** Every campaign with a status file, newest first. */
  public List<JsonNode> campaigns() {
    Path dir = root();
    List<JsonNode> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String name = p.getFileName().toString();
        if (CAMPAIGN_ID.matcher(name).matches()) {
          read(p.resolve("status.json")).ifPresent(out::add);
        }
      }
    } catch (IOException e) {
      throw ServingException.failure("Cannot list " + dir + ": " + e.getMessage(), e);
    }
    out.sort(
        Comparator.comparing((JsonNode n) -> n.path("created_at").asText(""))
            .thenComparing(n -> n.path("campaign_id").asText(""))
            .reversed());
    return out;
  }

  /** One campaign's status file; empty when the id is malformed or unknown. */
  public Optional<JsonNode> campaign(String id) {
    if (id == null || !CAMPAIGN_ID.matcher(id).matches()) {
      return Optional.empty();
    }
    return read(root().resolve(id).resolve("status.json"));
  }

  /** Every request with its state, newest first. */
  public List<ObjectNode> requestList() {
    Path dir = requests();
    List<ObjectNode> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".json") || name.endsWith(".state.json")) {
          continue;
        }
        String id = name.substring(0, name.length() - ".json".length());
        if (REQUEST_ID.matcher(id).matches()) {
          request(id).ifPresent(out::add);
        }
      }
    } catch (IOException e) {
      throw ServingException.failure("Cannot list " + dir + ": " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing((ObjectNode n) -> n.path("request_id").asText("")).reversed());
    return out;
  }

  /** A request as queued, with {@code state} (queued, running, done, failed) and its outcome. */
  public Optional<ObjectNode> request(String id) {
    if (id == null || !REQUEST_ID.matcher(id).matches()) {
      return Optional.empty();
    }
    Optional<JsonNode> req = read(requests().resolve(id + ".json"));
    if (req.isEmpty() || !req.get().isObject()) {
      return Optional.empty();
    }
    ObjectNode view = ((ObjectNode) req.get()).deepCopy();
    view.put("state", "queued");
    read(requests().resolve(id + ".state.json"))
        .ifPresent(
            st -> {
              for (String k :
                  List.of("state", "started_at", "finished_at", "error", "result", "campaign_id")) {
                JsonNode v = st.get(k);
                if (v != null && !(k.equals("campaign_id") && v.isNull())) {
                  view.set(k, v);
                }
              }
            });
    return Optional.of(view);
  }

  /** Queues a request ({@code action} plan or send); returns its view (state queued). */
  public ObjectNode submit(Map<String, Object> fields) {
    Path dir = requests();
    byte[] rnd = new byte[4];
    random.nextBytes(rnd);
    String id = "req-" + ID_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(rnd);
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("request_id", id);
    body.setAll((ObjectNode) Json.MAPPER.valueToTree(fields));
    body.put("requested_at", clock.instant().toString());
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve("." + id + ".json.tmp");
      try (OutputStream out =
          Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(Json.MAPPER.writeValueAsBytes(body));
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, dir.resolve(id + ".json"), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ServingException(
          503,
          "QUEUE_NOT_WRITABLE",
          "Cannot queue the request in " + dir + " (" + e.getMessage() + "); try again later",
          e);
    }
    ObjectNode view = body.deepCopy();
    view.put("state", "queued");
    return view;
  }

  private static Optional<JsonNode> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readTree(file.toFile()));
    } catch (IOException e) {
      // written by rename, so a half file cannot be seen; a damaged one is skipped, not served
      LOG.warn("Cannot read {}: {}", file, e.toString());
      return Optional.empty();
    }
  }
}
