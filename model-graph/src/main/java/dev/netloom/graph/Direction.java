package dev.netloom.graph;

/** Whether a port takes a tensor in or gives one out. */
public enum Direction {
    IN,
    OUT
}
