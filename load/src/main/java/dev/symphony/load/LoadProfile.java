package dev.symphony.load;

/**
 * The shape of one load experiment, as in the design documents: {@code users} virtual users, {@code
 * usersPerRoom} of them in each room, each sending {@code updatesPerSecond} document updates and
 * {@code presencePerSecond} presence updates.
 */
public record LoadProfile(
    int users, int usersPerRoom, double updatesPerSecond, double presencePerSecond) {

  /**
   * The 240-user experiment: 60 rooms of 4, one update and five presence updates per user per
   * second.
   */
  public static final LoadProfile SMALL = new LoadProfile(240, 4, 1, 5);

  /** The 20,000-user experiment: 5,000 rooms of 4. */
  public static final LoadProfile LARGE = new LoadProfile(20_000, 4, 1, 5);

  public LoadProfile {
    if (users < 1) {
      throw new IllegalArgumentException("users must be at least 1, got " + users);
    }
    if (usersPerRoom < 1 || usersPerRoom > users) {
      throw new IllegalArgumentException(
          "users per room must be between 1 and users (" + users + "), got " + usersPerRoom);
    }
    if (!(updatesPerSecond >= 0) || !(presencePerSecond >= 0)) {
      throw new IllegalArgumentException("rates must be zero or positive numbers");
    }
  }

  /** Rooms needed so every user has a room; the last room may hold fewer users. */
  public int rooms() {
    return (users + usersPerRoom - 1) / usersPerRoom;
  }

  /** Messages each server receives per second from all users together. */
  public double inboundMessagesPerSecond() {
    return users * (updatesPerSecond + presencePerSecond);
  }

  /**
   * Messages the server fans out per second: each inbound message goes to the room's other users.
   */
  public double outboundMessagesPerSecond() {
    return inboundMessagesPerSecond() * (usersPerRoom - 1);
  }
}
