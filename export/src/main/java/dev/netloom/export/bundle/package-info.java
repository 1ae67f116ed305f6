/**
 * Bundles: the folder and {@code .zip} a person copies to a device. {@link dev.netloom.export.bundle.BundleWriter}
 * writes one from {@link dev.netloom.export.bundle.BundleContents} (manifest, checksums, README, a runnable
 * example, an Ed25519 signature of the manifest); {@link dev.netloom.export.bundle.BundleVerifier} checks
 * one, folder or zip. The layout and trust model are described in {@code export/README.md}.
 */
package dev.netloom.export.bundle;
