package dev.symphony.roomperpod.orchestrator.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that starts one room process. */
@FunctionalInterface
public interface RoomCommand {

  /**
   * @param roomId the room the process serves
   * @param host the loopback address it must listen on
   * @param port the free port it must listen on
   * @param dataDir its own data directory
   * @param parentPid this process: the room process exits when it is gone
   */
  List<String> command(String roomId, String host, int port, Path dataDir, long parentPid);

  /**
   * {@code java <jvmOptions> -cp <this JVM's class path> <mainClass>}: the same Java and the same
   * classes as the process that starts the rooms.
   */
  static List<String> sameJvm(List<String> jvmOptions, String mainClass) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    return command;
  }
}
