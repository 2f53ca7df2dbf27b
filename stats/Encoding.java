package stats;
public record Encoding(String response) {}
