package dev.symphony.cli.token;

import dev.symphony.server.auth.Scope;
import dev.symphony.server.auth.TokenIssuer;
import dev.symphony.server.auth.TokenVerifier;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code symphony token}: prints an HS256 room token signed with the server's shared secret. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a room token for development, signed HS256 with the shared secret",
      "(--secret or SYMPHONY_AUTH_JWT_SECRET, the one `symphony serve` verifies with).",
      "Clients send it as ?token=<token> (y-websocket: params: { token })",
      "or as the header Authorization: Bearer <token>."
    })
public final class TokenCommand implements Callable<Integer> {

  private static final Pattern TTL = Pattern.compile("(\\d+)(s|m|h|d)");

  @Spec CommandSpec spec;

  @Option(
      names = "--room",
      required = true,
      paramLabel = "<id|prefix*>",
      description = "the room id, or a prefix ending in * for every room starting with it")
  String room;

  @Option(
      names = "--scope",
      required = true,
      paramLabel = "read|write",
      description = "read: sync and follow only; write: also change the document")
  String scope;

  @Option(
      names = "--ttl",
      paramLabel = "<duration>",
      defaultValue = "1h",
      description = "how long the token is valid: 90s, 30m, 1h, 7d (default 1h)")
  String ttl;

  @Option(names = "--sub", paramLabel = "<subject>", description = "the user id (sub claim)")
  String subject;

  @Option(names = "--name", paramLabel = "<name>", description = "display name (name claim)")
  String name;

  @Option(
      names = "--secret",
      paramLabel = "<secret>",
      description = "the HS256 secret (default: SYMPHONY_AUTH_JWT_SECRET)")
  String secret;

  private final Map<String, String> environment;

  public TokenCommand() {
    this(System.getenv());
  }

  TokenCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    String key = secret != null ? secret : environment.get("SYMPHONY_AUTH_JWT_SECRET");
    try {
      if (key == null || key.isEmpty()) {
        throw new IllegalArgumentException(
            "no secret: give --secret or set SYMPHONY_AUTH_JWT_SECRET");
      }
      if (key.getBytes(StandardCharsets.UTF_8).length < TokenVerifier.MIN_SECRET_BYTES) {
        throw new IllegalArgumentException(
            "the secret must be at least " + TokenVerifier.MIN_SECRET_BYTES + " bytes");
      }
      if (room.isEmpty()) {
        throw new IllegalArgumentException("--room must not be empty");
      }
      String token =
          new TokenIssuer(key.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
              .issue(room, Scope.fromClaim(scope), parseTtl(ttl), subject, name);
      spec.commandLine().getOut().println(token);
      spec.commandLine().getOut().flush();
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("symphony token: " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  static Duration parseTtl(String text) {
    Matcher m = TTL.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "invalid --ttl '" + text + "': write a number and s, m, h or d (e.g. 1h)");
    }
    long n = Long.parseLong(m.group(1));
    Duration ttl =
        switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
    if (ttl.isZero()) {
      throw new IllegalArgumentException("--ttl must be more than zero");
    }
    return ttl;
  }
}
