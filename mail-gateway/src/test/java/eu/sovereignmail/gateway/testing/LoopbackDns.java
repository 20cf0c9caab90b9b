package eu.sovereignmail.gateway.testing;

import eu.sovereignmail.gateway.outbound.DnsClient;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Zone;

/**
 * An authoritative DNS server for tests on 127.0.0.1 (UDP and TCP, one free port), answering from dnsjava
 * {@link Zone}s that tests fill with MX, A, TXT (SPF, DKIM, DMARC, MTA-STS) and TLSA records. Names can be made to
 * time out (no answer) or to answer SERVFAIL, and zones to be "signed" (answers carry the AD bit, as a validating
 * resolver would set it).
 */
public final class LoopbackDns implements AutoCloseable {
  private final Map<Name, Zone> zones = new ConcurrentHashMap<>();
  private final Set<Name> signed = ConcurrentHashMap.newKeySet();
  private final Set<Name> silent = ConcurrentHashMap.newKeySet();
  private final Set<Name> failing = ConcurrentHashMap.newKeySet();
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private volatile boolean running = true;

  private LoopbackDns(DatagramSocket udp, ServerSocket tcp) {
    this.udp = udp;
    this.tcp = tcp;
  }

  /** Binds UDP and TCP on the same free loopback port and starts serving. */
  public static LoopbackDns start() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int attempt = 0; attempt < 20; attempt++) {
      DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
      try {
        ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 50, loopback);
        LoopbackDns dns = new LoopbackDns(udp, tcp);
        Thread.ofVirtual().name("test-dns-udp").start(dns::serveUdp);
        Thread.ofVirtual().name("test-dns-tcp").start(dns::serveTcp);
        return dns;
      } catch (IOException taken) {
        udp.close();
      }
    }
    throw new IOException("no free port for UDP and TCP together");
  }

  public int port() {
    return udp.getLocalPort();
  }

  /** The {@code dns.servers} entry pointing here. */
  public String server() {
    return "127.0.0.1:" + port();
  }

  /** A client on this server with a short timeout (tests of DNS failures wait for it). */
  public DnsClient client() {
    return new DnsClient(List.of(server()), Duration.ofMillis(700));
  }

  /** Adds records given in zone-file syntax relative to {@code origin}, e.g. {@code "@ MX 10 mx"}; makes the zone if new. */
  public LoopbackDns add(String origin, String... lines) {
    try {
      Name name = Name.fromString(origin.endsWith(".") ? origin : origin + ".");
      Zone zone = zones.computeIfAbsent(name, LoopbackDns::emptyZone);
      for (String line : lines) {
        Zone parsed = new Zone(name, stream("$TTL 60\n" + soa(name) + "\n" + line + "\n"));
        for (RRset set : parsed) {
          for (Record record : set.rrs()) {
            if (!(record instanceof SOARecord) && !(record instanceof NSRecord && record.getName().equals(name))) {
              zone.addRecord(record);
            }
          }
        }
      }
      return this;
    } catch (IOException e) {
      throw new IllegalArgumentException("bad test zone data for " + origin + ": " + e.getMessage(), e);
    }
  }

  /** A TXT record whose text may exceed 255 octets (split into strings as DNS requires). */
  public LoopbackDns txt(String owner, String text) {
    try {
      Name name = Name.fromString(owner.endsWith(".") ? owner : owner + ".");
      List<String> strings = new java.util.ArrayList<>();
      for (int i = 0; i < text.length(); i += 255) {
        strings.add(text.substring(i, Math.min(text.length(), i + 255)));
      }
      zoneFor(name).addRecord(new TXTRecord(name, DClass.IN, 60, strings));
      return this;
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Answers for names in this zone carry the AD bit. */
  public LoopbackDns signed(String origin) {
    signed.add(name(origin));
    return this;
  }

  /** Queries for {@code owner} get no answer at all (the client times out). */
  public LoopbackDns silent(String owner) {
    silent.add(name(owner));
    return this;
  }

  /** Queries for {@code owner} get SERVFAIL. */
  public LoopbackDns servfail(String owner) {
    failing.add(name(owner));
    return this;
  }

  private Zone zoneFor(Name name) throws IOException {
    Zone best = null;
    for (Map.Entry<Name, Zone> entry : zones.entrySet()) {
      if (name.subdomain(entry.getKey()) && (best == null || entry.getKey().labels() > best.getOrigin().labels())) {
        best = entry.getValue();
      }
    }
    if (best == null) {
      throw new IOException("no test zone holds " + name);
    }
    return best;
  }

  private static Name name(String text) {
    try {
      return Name.fromString(text.endsWith(".") ? text : text + ".");
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static java.io.InputStream stream(String text) {
    return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String soa(Name origin) {
    return "@ SOA ns." + origin + " hostmaster." + origin + " 1 3600 600 86400 60\n@ NS ns." + origin;
  }

  private static Zone emptyZone(Name origin) {
    try {
      return new Zone(origin, stream("$TTL 60\n" + soa(origin) + "\n"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The response to {@code query}, or null to stay silent. */
  Message answer(Message query) {
    Record question = query.getQuestion();
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    response.getHeader().setFlag(Flags.RA);
    if (question == null) {
      response.getHeader().setRcode(Rcode.FORMERR);
      return response;
    }
    response.addRecord(question, Section.QUESTION);
    Name qname = question.getName();
    if (silent.contains(qname)) {
      return null;
    }
    if (failing.contains(qname)) {
      response.getHeader().setRcode(Rcode.SERVFAIL);
      return response;
    }
    Zone zone;
    try {
      zone = zoneFor(qname);
    } catch (IOException e) {
      response.getHeader().setRcode(Rcode.REFUSED);
      return response;
    }
    if (signed.stream().anyMatch(qname::subdomain)) {
      response.getHeader().setFlag(Flags.AD);
    }
    Name current = qname;
    for (int hop = 0; hop < 8; hop++) {
      SetResponse found = zone.findRecords(current, question.getType());
      if (found.isSuccessful()) {
        found.answers().forEach(set -> set.rrs().forEach(r -> response.addRecord(r, Section.ANSWER)));
        return response;
      }
      if (found.isCNAME()) {
        response.addRecord(found.getCNAME(), Section.ANSWER);
        current = found.getCNAME().getTarget();
        continue;
      }
      if (found.isNXDOMAIN() && hop == 0) {
        response.getHeader().setRcode(Rcode.NXDOMAIN);
      }
      return response;
    }
    return response;
  }

  private void serveUdp() {
    byte[] buffer = new byte[65535];
    while (running) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
        Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        Message response = answer(query);
        if (response == null) {
          continue;
        }
        OPTRecord opt = query.getOPT();
        int max = opt == null ? 512 : Math.max(512, opt.getPayloadSize());
        byte[] wire = response.toWire();
        if (wire.length > max) {
          Message truncated = new Message(response.getHeader().getID());
          truncated.getHeader().setFlag(Flags.QR);
          truncated.getHeader().setFlag(Flags.TC);
          truncated.addRecord(query.getQuestion(), Section.QUESTION);
          wire = truncated.toWire();
        }
        udp.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
      } catch (IOException | RuntimeException e) {
        if (!running) {
          return;
        }
      }
    }
  }

  private void serveTcp() {
    while (running) {
      try {
        Socket socket = tcp.accept();
        Thread.ofVirtual().start(() -> serveTcpConnection(socket));
      } catch (IOException e) {
        if (!running) {
          return;
        }
      }
    }
  }

  private void serveTcpConnection(Socket socket) {
    try (socket) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      while (true) {
        int length = in.readUnsignedShort();
        byte[] data = in.readNBytes(length);
        Message response = answer(new Message(data));
        if (response == null) {
          return;
        }
        byte[] wire = response.toWire();
        out.writeShort(wire.length);
        out.write(wire);
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      // client closed the connection
    }
  }

  @Override
  public void close() {
    running = false;
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
