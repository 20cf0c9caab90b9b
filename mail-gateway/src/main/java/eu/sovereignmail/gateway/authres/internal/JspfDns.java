package eu.sovereignmail.gateway.authres.internal;

import eu.sovereignmail.gateway.outbound.DnsAnswer;
import eu.sovereignmail.gateway.outbound.DnsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.exceptions.TimeoutException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * jSPF's view of DNS on the gateway's own {@link DnsClient}, so SPF asks the configured resolvers and a timeout or
 * SERVFAIL reaches jSPF as its {@link TimeoutException} (→ {@code temperror}), never as "no record".
 */
public final class JspfDns implements DNSService {
  private final DnsClient dns;
  private final List<String> localNames;
  private int recordLimit = 10;

  public JspfDns(DnsClient dns, String hostname) {
    this.dns = dns;
    this.localNames = List.of(hostname);
  }

  @Override
  public List<String> getRecords(DNSRequest request) throws TimeoutException {
    int type = switch (request.getRecordType()) {
      case DNSRequest.A -> Type.A;
      case DNSRequest.AAAA -> Type.AAAA;
      case DNSRequest.MX -> Type.MX;
      case DNSRequest.PTR -> Type.PTR;
      case DNSRequest.TXT -> Type.TXT;
      case DNSRequest.SPF -> Type.SPF;
      default -> -1;
    };
    if (type < 0) {
      return null;
    }
    DnsAnswer answer = dns.query(request.getHostname(), type);
    if (answer.temporary()) {
      throw new TimeoutException(answer.error());
    }
    if (!answer.found()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Record record : answer.records()) {
      switch (record) {
        case ARecord a -> out.add(a.getAddress().getHostAddress());
        case AAAARecord a -> out.add(a.getAddress().getHostAddress());
        case MXRecord mx -> out.add(mx.getTarget().toString());
        case PTRRecord ptr -> out.add(ptr.getTarget().toString(true));
        case TXTRecord txt -> out.add(String.join("", txt.getStrings()));
        case org.xbill.DNS.SPFRecord spf -> out.add(String.join("", spf.getStrings()));
        default -> { }
      }
    }
    return out;
  }

  @Override
  public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
    try {
      return CompletableFuture.completedFuture(getRecords(request));
    } catch (TimeoutException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public List<String> getLocalDomainNames() {
    return localNames;
  }

  @Override
  public void setTimeOut(int timeOut) {
    // the DnsClient's timeout applies
  }

  @Override
  public int getRecordLimit() {
    return recordLimit;
  }

  @Override
  public void setRecordLimit(int recordLimit) {
    this.recordLimit = recordLimit;
  }
}
