package org.policyreach.pipelines.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.policyreach.pipelines.PipelineException;

/**
 * The e-mail outbox of one campaign, {@code <lakehouse>/_push/<campaign>/email-outbox.jsonl}: an
 * append-only journal, fsynced line by line. Before a message is handed to the SMTP server its
 * contact id is journalled {@code sending}; once the server accepted (or refused) it, {@code sent}
 * (or {@code bounced}). A re-run after a crash takes each contact's last state: {@code sent} and
 * {@code bounced} are recorded in the ledger without sending again; a contact left at {@code
 * sending} is the one ambiguous case (the process died while the server had the message) and is
 * sent again with the same Message-ID. Lines carry no address, only its salted hash.
 */
final class OutboxJournal implements AutoCloseable {
  static final String SENDING = "sending";
  static final String SENT = "sent";
  static final String BOUNCED = "bounced";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One journalled state of a contact. */
  record Entry(
      String contactId, String corporateNumber, String state, Instant at, String addressSha256) {}

  private final Path file;
  private final FileChannel channel;
  private final Map<String, Entry> last;

  private OutboxJournal(Path file, FileChannel channel, Map<String, Entry> last) {
    this.file = file;
    this.channel = channel;
    this.last = last;
  }

  static OutboxJournal open(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Map<String, Entry> last = new HashMap<>();
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
          Entry e = parse(line);
          if (e != null) {
            last.put(e.contactId(), e);
          }
        }
      }
      FileChannel ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      return new OutboxJournal(file, ch, last);
    } catch (IOException e) {
      throw PipelineException.failure(
          "Cannot open the e-mail outbox "
              + file
              + ": "
              + e.getMessage()
              + "; check the disk and"
              + " the folder's permissions, then run push send again",
          e);
    }
  }

  /** A torn last line (the process died while writing it) is ignored: nothing was sent after it. */
  private static Entry parse(String line) {
    if (line.isBlank()) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(line);
      return new Entry(
          n.get("contact_id").asText(),
          n.get("corporate_number").asText(),
          n.get("state").asText(),
          Instant.parse(n.get("at").asText()),
          n.hasNonNull("address_sha256") ? n.get("address_sha256").asText() : null);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  Entry last(String contactId) {
    return last.get(contactId);
  }

  /** Appends and fsyncs one state before returning. */
  void append(Entry e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("contact_id", e.contactId());
    n.put("corporate_number", e.corporateNumber());
    n.put("state", e.state());
    n.put("at", e.at().toString());
    n.put("address_sha256", e.addressSha256());
    try {
      byte[] bytes = (JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      channel.force(false);
      last.put(e.contactId(), e);
    } catch (IOException ex) {
      throw PipelineException.failure(
          "Cannot write the e-mail outbox "
              + file
              + ": "
              + ex.getMessage()
              + "; nothing more is sent. Free the disk and run push send again",
          ex);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // the journal was fsynced after every line: nothing is lost by a failing close
    }
  }
}
