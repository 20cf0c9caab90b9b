package eu.sovereignmail.archive.message.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.tika.detect.TextDetector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;

/**
 * Decides, before Tika's type detection runs (it tries every signature Tika knows, which costs more than anything
 * else in indexing a binary attachment), whether Tika could find any text in an attachment: yes for a document Tika
 * has a parser for, recognized by its signature (only the signatures of types some parser on the class path reads,
 * from Tika's own type database) or by its declared media type, and for bytes Tika itself would call text; no for
 * declared images, audio and video and for binary data with no such signature (random or encrypted bytes, S/MIME
 * signatures, executables), which Tika would only have identified as something it cannot read.
 */
final class ExtractableContent {
  private static final MediaTypeRegistry REGISTRY = MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();
  private final Set<MediaType> parsed;
  private final List<MimeType> signatures;

  /** Reads what {@code parser} handles (with its type hierarchy) once; the answer is then cheap and thread-safe. */
  ExtractableContent(Parser parser) {
    Set<MediaType> supported = new HashSet<>();
    for (MediaType type : parser.getSupportedTypes(new ParseContext())) {
      supported.add(type.getBaseType());
    }
    this.parsed = Set.copyOf(supported);
    List<MimeType> withMagic = new ArrayList<>();
    MimeTypes types = MimeTypes.getDefaultMimeTypes();
    for (MediaType type : REGISTRY.getTypes()) {
      if (handled(type)) {
        try {
          MimeType mimeType = types.forName(type.toString());
          if (mimeType.hasMagic()) {
            withMagic.add(mimeType);
          }
        } catch (MimeTypeException e) {
          // a registry type Tika cannot name has no signature to test
        }
      }
    }
    this.signatures = List.copyOf(withMagic);
  }

  /** Whether Tika may find text in {@code content} declared as {@code mediaType} (null when none was declared). */
  boolean mayHoldText(byte[] content, String mediaType) {
    String declared = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
    if (declared.startsWith("image/") || declared.startsWith("audio/") || declared.startsWith("video/")) {
      return false;
    }
    if (declaredParsed(declared)) {
      return true;
    }
    for (MimeType signature : signatures) {
      if (signature.matchesMagic(content)) {
        return true;
      }
    }
    return looksLikeText(content);
  }

  /** The number of signatures tested (for tests: Tika's database gives dozens, not thousands). */
  int signatureCount() {
    return signatures.size();
  }

  private boolean declaredParsed(String declared) {
    if (declared.isEmpty() || declared.equals("application/octet-stream")) {
      return false;
    }
    MediaType type = MediaType.parse(declared);
    return type != null && handled(REGISTRY.normalize(type.getBaseType()));
  }

  /** {@code type} or one of its supertypes has a parser (octet-stream, every binary type's root, does not count). */
  private boolean handled(MediaType type) {
    for (MediaType t = type; t != null && !t.equals(MediaType.OCTET_STREAM); t = REGISTRY.getSupertype(t)) {
      if (parsed.contains(t)) {
        return true;
      }
    }
    return false;
  }

  /** Tika's own test for text (the one its type detection falls back to): mostly ASCII or valid UTF-8 at the start. */
  private static boolean looksLikeText(byte[] content) {
    try {
      return !new TextDetector().detect(new ByteArrayInputStream(content), new Metadata())
          .equals(MediaType.OCTET_STREAM);
    } catch (IOException e) {
      throw new UncheckedIOException("reading a byte array cannot fail", e);
    }
  }
}
