package dev.netloom.graph.analysis;

/** How serious a problem is: errors stop training and export, warnings do not. */
public enum Severity {
    ERROR,
    WARNING
}
