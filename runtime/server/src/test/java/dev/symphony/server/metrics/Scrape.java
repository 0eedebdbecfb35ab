package dev.symphony.server.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A scrape of {@code GET /metrics}, parsed just enough for assertions. */
public record Scrape(String contentType, List<String> samples) {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public static Scrape of(URI metricsUrl) throws Exception {
    HttpResponse<String> response =
        HTTP.send(HttpRequest.newBuilder(metricsUrl).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + metricsUrl + " answered " + response.statusCode());
    }
    List<String> samples = new ArrayList<>();
    for (String line : response.body().split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        samples.add(line);
      }
    }
    return new Scrape(response.headers().firstValue("content-type").orElse(""), samples);
  }

  /** The series names (before the labels). */
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    for (String sample : samples) {
      names.add(nameOf(sample));
    }
    return names;
  }

  /** Samples of that series whose text contains every fragment (e.g. {@code room="a"}). */
  public List<String> samples(String name, String... fragments) {
    List<String> found = new ArrayList<>();
    for (String sample : samples) {
      if (nameOf(sample).equals(name) && List.of(fragments).stream().allMatch(sample::contains)) {
        found.add(sample);
      }
    }
    return found;
  }

  /** The value of the single sample of that series with those fragments. */
  public double value(String name, String... fragments) {
    List<String> found = samples(name, fragments);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one sample of " + name + " " + List.of(fragments) + " but found " + found);
    }
    String sample = found.get(0);
    return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
  }

  private static String nameOf(String sample) {
    int end = sample.length();
    int brace = sample.indexOf('{');
    int space = sample.indexOf(' ');
    if (brace >= 0) {
      end = brace;
    } else if (space >= 0) {
      end = space;
    }
    return sample.substring(0, end);
  }
}
