package eu.sovereignmail.archive.export;

/** How a case export packs its messages; both come with the same signed manifest. */
public enum ExportFormat {
  /** One ZIP: {@code messages/<archiveId>.eml}, {@code manifest.csv}, {@code manifest.json}, its signature and the public key. */
  ZIP("zip"),
  /** One mboxrd file (what mail clients and review tools import); the manifest files sit beside it. */
  MBOX("mbox");

  private final String extension;

  ExportFormat(String extension) {
    this.extension = extension;
  }

  /** The file extension of the export's main file. */
  public String extension() {
    return extension;
  }
}
