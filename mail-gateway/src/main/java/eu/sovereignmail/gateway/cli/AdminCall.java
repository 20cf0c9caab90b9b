package eu.sovereignmail.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import eu.sovereignmail.gateway.http.admin.AdminToken;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs one admin API call for a CLI command and turns the answer into output and the documented exit code: 0 ok,
 * 1 server error or gateway unreachable, 2 usage error or not found/conflict, 3 authentication.
 */
final class AdminCall {
  static final int OK = 0;
  static final int SERVER_ERROR = 1;
  static final int USAGE = 2;
  static final int AUTH = 3;
  static final ObjectMapper JSON = new ObjectMapper();

  /** The request a command makes. */
  @FunctionalInterface
  interface Request {
    AdminClient.Response send(AdminClient client) throws IOException, InterruptedException;
  }

  /** How a command shows a successful answer (the parsed body; missing for 204). */
  @FunctionalInterface
  interface Printer {
    void print(JsonNode body, PrintWriter out);
  }

  /** Where a command's bearer token comes from: the admin token of the options, or a user's own sign-in. */
  @FunctionalInterface
  interface TokenSource {
    AdminToken token() throws AdminClientOptions.MissingTokenException, IOException, InterruptedException;
  }

  private AdminCall() {}

  static int run(CommandSpec spec, AdminClientOptions options, Request request, Printer printer) {
    return run(spec, options, options::token, request, printer);
  }

  static int run(CommandSpec spec, AdminClientOptions options, TokenSource token, Request request, Printer printer) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String name = spec.qualifiedName();
    try {
      AdminClient client = new AdminClient(options.url, token.token());
      AdminClient.Response response = request.send(client);
      if (response.status() / 100 == 2) {
        if (options.json) {
          if (!response.body().isEmpty()) {
            out.println(response.body());
          }
        } else {
          printer.print(response.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(response.body()), out);
        }
        out.flush();
        return OK;
      }
      err.println(name + ": " + errorMessage(response));
      return switch (response.status()) {
        case 401, 403 -> AUTH;
        default -> response.status() / 100 == 4 ? USAGE : SERVER_ERROR;
      };
    } catch (AdminClientOptions.MissingTokenException e) {
      err.println(name + ": " + e.getMessage());
      return AUTH;
    } catch (IOException e) {
      err.println(name + ": " + e.getMessage());
      return SERVER_ERROR;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(name + ": interrupted");
      return SERVER_ERROR;
    } finally {
      err.flush();
    }
  }

  private static String errorMessage(AdminClient.Response response) {
    try {
      JsonNode error = JSON.readTree(response.body()).path("error");
      if (error.isTextual()) {
        return error.asText() + " (HTTP " + response.status() + ")";
      }
    } catch (IOException notJson) {
      // answered below
    }
    return "the gateway answered HTTP " + response.status();
  }
}
