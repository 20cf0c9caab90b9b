package eu.sovereignmail.archive.export;

/** The files a finished export offers for download. */
public enum ExportPart {
  /** The ZIP or mbox file itself. */
  ARCHIVE,
  /** {@code manifest.csv}: one row per message. */
  MANIFEST_CSV,
  /** {@code manifest.json}: the signed manifest. */
  MANIFEST_JSON,
  /** {@code manifest.json.sig}: the detached Ed25519 signature (64 raw bytes) over {@code manifest.json}. */
  SIGNATURE,
  /** {@code signing-key.pem}: the public key that verifies the signature (also the archive's checkpoint key). */
  PUBLIC_KEY
}
