package org.policyreach.pipelines.push;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.policyreach.pipelines.PipelineException;

/**
 * The salted hash the ledger keeps instead of an e-mail address: HMAC-SHA256 of the lower-cased
 * address under a random salt of the lakehouse ({@code <lakehouse>/_push/salt}, created on first
 * use, readable by its owner only). Equal addresses hash equally within one lakehouse (a bounce can
 * be matched), and the hash cannot be reversed by hashing guessed addresses without the salt.
 */
final class AddressHash {
  private final byte[] salt;

  private AddressHash(byte[] salt) {
    this.salt = salt;
  }

  static AddressHash open(Path pushDir) {
    Path file = pushDir.resolve("salt");
    try {
      Files.createDirectories(pushDir);
      if (!Files.exists(file)) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        Path tmp = Files.createTempFile(pushDir, "salt", ".tmp");
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the folder's permissions apply
        }
        Files.writeString(tmp, HexFormat.of().formatHex(fresh), StandardCharsets.US_ASCII);
        try {
          Files.move(tmp, file);
        } catch (FileAlreadyExistsException e) {
          Files.deleteIfExists(tmp); // another send created it first: use that one
        }
      }
      return new AddressHash(
          HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).strip()));
    } catch (IOException | IllegalArgumentException e) {
      throw PipelineException.failure(
          "Cannot read or create the address salt " + file + ": " + e.getMessage(), e);
    }
  }

  String of(String address) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt, "HmacSHA256"));
      return HexFormat.of()
          .formatHex(
              mac.doFinal(
                  address.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }
}
