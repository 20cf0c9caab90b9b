package eu.sovereignmail.archive.blob;

/**
 * What a blob store holds, for {@code archive stats}: how many blobs and how many bytes they take as stored
 * (compressed and sealed).
 */
public record BlobUsage(long blobs, long storedBytes) {}
