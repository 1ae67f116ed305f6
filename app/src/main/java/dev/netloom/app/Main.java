package dev.netloom.app; public final class Main { public static void main(String[] a) {} }
