package dev.symphony.cli.serve;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options only {@code --topology room-per-pod} reads. */
final class RoomPerPodOptions {

  enum Role {
    PROXY,
    ROOM
  }

  @Option(
      names = "--role",
      paramLabel = "proxy|room",
      description =
          "room-per-pod: proxy (default: routes clients, starts room backends) or room (serves"
              + " the one --room; started by the proxy's orchestrator)")
  String role;

  @Option(
      names = "--room",
      paramLabel = "<room-id>",
      description = "room-per-pod --role room: the only room this process serves")
  String room;

  @Option(
      names = "--orchestrator",
      paramLabel = "local-process|kubernetes",
      description =
          "room-per-pod proxy: how room backends run (default local-process: java processes on"
              + " this machine; kubernetes: a Deployment + Service per room)")
  String orchestrator;

  @Option(
      names = "--namespace",
      paramLabel = "<namespace>",
      description = "room-per-pod proxy with --orchestrator kubernetes: the rooms' namespace")
  String namespace;

  @Option(
      names = "--parent-pid",
      paramLabel = "<pid>",
      hidden = true,
      description = "room-per-pod --role room: exit when this process (the local proxy) exits")
  String parentPid;

  Role role(Map<String, String> environment) {
    String value = valueOf(role, environment, "SYMPHONY_ROLE", "proxy");
    try {
      return Role.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ServeSettings.InvalidSettingException(
          "unknown --role '" + value + "'; choose proxy or room");
    }
  }

  String room(Map<String, String> environment) {
    String value = valueOf(room, environment, "SYMPHONY_ROOM", null);
    if (value == null || value.isEmpty()) {
      throw new ServeSettings.InvalidSettingException(
          "--role room needs the room it serves: --room <room-id>");
    }
    return value;
  }

  String orchestrator(Map<String, String> environment) {
    String value =
        valueOf(orchestrator, environment, "SYMPHONY_ORCHESTRATOR", "local-process")
            .strip()
            .toLowerCase(Locale.ROOT);
    if (!value.equals("local-process") && !value.equals("kubernetes")) {
      throw new ServeSettings.InvalidSettingException(
          "unknown --orchestrator '" + value + "'; choose local-process or kubernetes");
    }
    return value;
  }

  String namespace(Map<String, String> environment) {
    return valueOf(namespace, environment, "SYMPHONY_ROOMS_NAMESPACE", "rooms");
  }

  long parentPid() {
    if (parentPid == null) {
      return 0;
    }
    try {
      return Long.parseLong(parentPid.strip());
    } catch (NumberFormatException e) {
      throw new ServeSettings.InvalidSettingException("--parent-pid must be a number");
    }
  }

  private static String valueOf(
      String option, Map<String, String> environment, String variable, String fallback) {
    if (option != null) {
      return option;
    }
    String value = environment.get(variable);
    return value == null || value.isBlank() ? fallback : value;
  }
}
