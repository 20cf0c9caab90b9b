package eu.sovereignmail.gateway.smtp.session;

/** The negotiated TLS protocol and cipher suite of a connection, recorded in the Received header. */
public record TlsInfo(String protocol, String cipherSuite) {}
