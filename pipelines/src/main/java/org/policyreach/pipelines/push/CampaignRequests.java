package org.policyreach.pipelines.push;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.pipelines.PipelineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaign requests: the officer UI's "create" and "send" as files in {@code
 * <lakehouse>/_push/requests/}, written by the Spark-free server and executed by {@code policyreach
 * push worker} (a long-running worker, or {@code --once} from a scheduler). A request is {@code
 * <request_id>.json} (immutable); its state is {@code <request_id>.state.json} ({@code running},
 * {@code done}, {@code failed}; no state file = queued), written by the worker atomically. One
 * worker at a time: {@link #runPending} takes {@code .worker.lock} and returns at once when another
 * worker holds it. A request left {@code running} by a worker that died is run again by the next
 * one: a send finishes the rest (sends are idempotent per campaign and firm); a plan that had
 * already written its campaign row creates a second campaign (the first stays planned, unsent).
 */
public final class CampaignRequests {
  private static final Logger LOG = LoggerFactory.getLogger(CampaignRequests.class);

  /** Request ids as the server makes them; anything else in the folder is ignored. */
  public static final Pattern REQUEST_ID = Pattern.compile("req-[0-9A-Za-z-]{1,64}");

  public static final String QUEUED = "queued";
  public static final String RUNNING = "running";
  public static final String DONE = "done";
  public static final String FAILED = "failed";

  /** One request as the server wrote it. */
  public record Request(
      String requestId,
      String action,
      String programId,
      List<Channel> channels,
      Integer max,
      String campaignId) {}

  /** Runs a plan or a send; the CLI wires the planner and sender. */
  public interface Executor {
    CampaignPlanner.PlanResult plan(String programId, List<Channel> channels, Integer max);

    CampaignSender.SendResult send(String campaignId);
  }

  private final Lakehouse lakehouse;
  private final Executor executor;
  private final CampaignStatus status;
  private final Clock clock;

  public CampaignRequests(
      Lakehouse lakehouse, Executor executor, CampaignStatus status, Clock clock) {
    this.lakehouse = Objects.requireNonNull(lakehouse, "lakehouse is null");
    this.executor = Objects.requireNonNull(executor, "executor is null");
    this.status = Objects.requireNonNull(status, "status is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  /** {@code <lakehouse>/_push/requests}. */
  public static Path dir(Lakehouse lakehouse) {
    return CampaignSender.pushDir(lakehouse).resolve("requests");
  }

  /** What one pass did. */
  public record Pass(boolean locked, int done, int failed) {}

  /**
   * Runs every queued request (and any left running by a worker that died), oldest id first.
   * Returns {@code locked = false} without running anything when another worker holds the lock.
   */
  public Pass runPending() {
    Path dir = dir(lakehouse);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw PipelineException.failure("Cannot create " + dir + ": " + e.getMessage(), e);
    }
    try (FileChannel lockFile =
            FileChannel.open(
                dir.resolve(".worker.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.tryLock()) {
      if (lock == null) {
        return new Pass(false, 0, 0);
      }
      int done = 0;
      int failed = 0;
      for (String id : pending(dir)) {
        if (run(dir, id)) {
          done++;
        } else {
          failed++;
        }
      }
      return new Pass(true, done, failed);
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return new Pass(false, 0, 0);
    } catch (IOException e) {
      throw PipelineException.failure("Cannot lock " + dir + "/.worker.lock: " + e.getMessage(), e);
    }
  }

  private static List<String> pending(Path dir) throws IOException {
    List<String> ids = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".json") || name.endsWith(".state.json")) {
          continue;
        }
        String id = name.substring(0, name.length() - ".json".length());
        if (!REQUEST_ID.matcher(id).matches()) {
          continue;
        }
        String state = state(dir, id);
        if (QUEUED.equals(state) || RUNNING.equals(state)) {
          ids.add(id);
        }
      }
    }
    ids.sort(null);
    return ids;
  }

  private static String state(Path dir, String id) {
    Path f = dir.resolve(id + ".state.json");
    if (!Files.isRegularFile(f)) {
      return QUEUED;
    }
    try {
      return CampaignStatus.JSON.readTree(f.toFile()).path("state").asText(QUEUED);
    } catch (IOException e) {
      return QUEUED; // a state file is replaced atomically; unreadable means damaged: run again
    }
  }

  /** Runs one request; true when it succeeded. */
  private boolean run(Path dir, String id) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("request_id", id);
    state.put("state", RUNNING);
    state.put("started_at", clock.instant().toString());
    String campaignId = null;
    Request request;
    try {
      request = read(dir, id);
    } catch (RuntimeException e) {
      return finish(dir, state, null, "INVALID_REQUEST", e.getMessage(), null);
    }
    state.put("action", request.action());
    CampaignStatus.writeAtomically(dir.resolve(id + ".state.json"), state);
    LOG.info("Campaign request {}: {}", id, request.action());
    try {
      if (request.action().equals("plan")) {
        CampaignPlanner.PlanResult r =
            executor.plan(request.programId(), request.channels(), request.max());
        campaignId = r.campaign().campaignId();
        status.write(campaignId, null, null);
        return finish(dir, state, campaignId, null, null, r.toJson());
      }
      campaignId = request.campaignId();
      Map<String, Object> sent = null;
      RuntimeException failure = null;
      try {
        sent = executor.send(campaignId).toJson();
      } catch (RuntimeException e) {
        failure = e;
      }
      // the status file first (also after a failure: what was delivered so far), then the state:
      // a page that sees the request done finds the campaign sent
      writeStatusQuietly(campaignId, sent);
      if (failure != null) {
        throw failure;
      }
      return finish(dir, state, campaignId, null, null, sent);
    } catch (PipelineException e) {
      return finish(
          dir, state, campaignId, e.isBadInput() ? "BAD_INPUT" : "FAILED", e.getMessage(), null);
    } catch (RuntimeException e) {
      LOG.warn("Campaign request {} failed", id, e);
      return finish(dir, state, campaignId, "FAILED", String.valueOf(e.getMessage()), null);
    }
  }

  private void writeStatusQuietly(String campaignId, Map<String, Object> sent) {
    try {
      status.write(campaignId, sent, null);
    } catch (RuntimeException e) {
      LOG.warn("Cannot write the status of campaign {}: {}", campaignId, e.toString());
    }
  }

  private boolean finish(
      Path dir,
      Map<String, Object> state,
      String campaignId,
      String errorCode,
      String errorMessage,
      Map<String, Object> result) {
    state.put("state", errorCode == null ? DONE : FAILED);
    state.put("campaign_id", campaignId);
    state.put("finished_at", clock.instant().toString());
    if (errorCode != null) {
      Map<String, Object> err = new LinkedHashMap<>();
      err.put("code", errorCode);
      err.put("message", errorMessage);
      state.put("error", err);
    }
    state.put("result", result);
    CampaignStatus.writeAtomically(dir.resolve(state.get("request_id") + ".state.json"), state);
    LOG.info(
        "Campaign request {}: {}{}",
        state.get("request_id"),
        state.get("state"),
        campaignId == null ? "" : " (" + campaignId + ")");
    return errorCode == null;
  }

  static Request read(Path dir, String id) {
    JsonNode n;
    try {
      n = CampaignStatus.JSON.readTree(dir.resolve(id + ".json").toFile());
    } catch (IOException e) {
      throw PipelineException.badInput(
          "Request " + id + " is not readable JSON: " + e.getMessage());
    }
    String action = n.path("action").asText("");
    List<Channel> channels = new ArrayList<>();
    for (JsonNode c : n.path("channels")) {
      channels.add(Channel.parse(c.asText()));
    }
    Integer max = n.hasNonNull("max") ? n.get("max").asInt() : null;
    String program = n.hasNonNull("program_id") ? n.get("program_id").asText() : null;
    String campaign = n.hasNonNull("campaign_id") ? n.get("campaign_id").asText() : null;
    switch (action) {
      case "plan" -> {
        if (program == null) {
          throw PipelineException.badInput("Request " + id + " (plan) names no program_id");
        }
      }
      case "send" -> {
        if (campaign == null) {
          throw PipelineException.badInput("Request " + id + " (send) names no campaign_id");
        }
      }
      default ->
          throw PipelineException.badInput(
              "Request " + id + " has action '" + action + "': expected plan or send");
    }
    channels.sort(null);
    return new Request(
        id,
        action,
        program,
        channels.isEmpty() ? Channel.all() : List.copyOf(channels),
        max,
        campaign);
  }
}
