package eu.sovereignmail.archive.message;

/** One top-level header field as shown to a reviewer: its name and its value with encoded words decoded. */
public record HeaderField(String name, String value) {}
