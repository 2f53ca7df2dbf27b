package model;

/** One coefficient in a {@link ModelCard}: estimate, model standard error and 95% interval (link scale). */
public record CardCoefficient(String name, double estimate, double standardError, double lower, double upper) {}
