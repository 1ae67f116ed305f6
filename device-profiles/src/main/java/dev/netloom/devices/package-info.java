/**
 * The device catalog (one data file per device, every figure with its source) and the estimator
 * of latency, memory and storage of a graph on a device.
 */
package dev.netloom.devices;
