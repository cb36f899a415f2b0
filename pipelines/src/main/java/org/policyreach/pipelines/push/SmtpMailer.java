package org.policyreach.pipelines.push;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.util.Properties;
import org.policyreach.core.ContactMask;

/**
 * Hands campaign e-mails to an SMTP server (Jakarta Mail, Eclipse Angus), over one connection per
 * send. A message the server refuses for its recipient is {@link Rejected}; a server that cannot be
 * reached or drops the connection is {@link Unavailable}. Exceptions never carry the address.
 */
final class SmtpMailer implements AutoCloseable {
  static final int TIMEOUT_MILLIS = 15_000;

  /** The server refused the recipient (e.g. 550): a bounce at send time. */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected(String reply) {
      super(reply);
    }
  }

  /** The server cannot be reached or failed mid-way: stop and let a re-run finish. */
  static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String what, Throwable cause) {
      super(what, cause);
    }
  }

  private final SmtpSettings settings;
  private final Session session;
  private Transport transport;

  SmtpMailer(SmtpSettings settings) {
    this.settings = settings;
    Properties p = new Properties();
    p.put("mail.smtp.host", settings.host());
    p.put("mail.smtp.port", Integer.toString(settings.port()));
    p.put("mail.smtp.connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
    p.put("mail.smtp.timeout", Integer.toString(TIMEOUT_MILLIS));
    p.put("mail.smtp.writetimeout", Integer.toString(TIMEOUT_MILLIS));
    p.put("mail.mime.charset", "UTF-8");
    this.session = Session.getInstance(p);
  }

  /** Whether {@code address} is one address Jakarta Mail accepts strictly (RFC 822 syntax). */
  static boolean isValid(String address) {
    if (address == null || !ChannelDirectory.EMAIL.matcher(address).matches()) {
      return false;
    }
    try {
      new InternetAddress(address, true).validate();
      return true;
    } catch (AddressException e) {
      return false;
    }
  }

  void send(String messageId, String to, NoticeText text, String unsubscribeUrl)
      throws Rejected, Unavailable {
    MimeMessage m;
    try {
      m =
          new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
              setHeader("Message-ID", messageId);
            }
          };
      m.setFrom(new InternetAddress(settings.from(), "経済産業省 支援策のお知らせ", "UTF-8"));
      m.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
      m.setSubject(text.subject(), "UTF-8");
      m.setText(text.body(), "UTF-8");
      m.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
      m.saveChanges();
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new Rejected("the message could not be built (" + e.getClass().getSimpleName() + ")");
    }
    try {
      connect();
      transport.sendMessage(m, new Address[] {m.getRecipients(Message.RecipientType.TO)[0]});
    } catch (SendFailedException e) {
      if (e.getValidSentAddresses() == null || e.getValidSentAddresses().length == 0) {
        if (e.getNextException() instanceof java.io.IOException io) {
          throw unavailable(io);
        }
        throw new Rejected("the server refused the recipient");
      }
    } catch (MessagingException e) {
      closeQuietly();
      throw unavailable(e);
    }
  }

  private void connect() throws MessagingException {
    if (transport == null || !transport.isConnected()) {
      closeQuietly();
      transport = session.getTransport("smtp");
      transport.connect();
    }
  }

  private Unavailable unavailable(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new Unavailable(
        "the SMTP server "
            + settings
            + " is not reachable or failed ("
            + root.getClass().getSimpleName()
            + (root.getMessage() == null ? "" : ": " + ContactMask.mask(root.getMessage()))
            + ")",
        null);
  }

  private void closeQuietly() {
    if (transport != null) {
      try {
        transport.close();
      } catch (MessagingException e) {
        // the connection is being dropped anyway
      }
      transport = null;
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }
}
