package dev.netloom.app.cli;

import dev.netloom.export.bundle.TrustException;
import dev.netloom.export.bundle.TrustedKey;
import dev.netloom.export.bundle.TrustedKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code netloom keys add|list|remove}: the public keys whose bundles {@code netloom verify}
 * accepts, kept in the Netloom home's {@code trusted-keys} folder. This studio's own signing key
 * is always trusted.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"The public keys you trust to sign bundles (HOME/trusted-keys; this studio's own key is always "
                + "trusted). 'netloom verify' fails on a bundle signed by any other key."},
        subcommands = {KeysCommand.Add.class, KeysCommand.ListKeys.class, KeysCommand.Remove.class})
final class KeysCommand implements Runnable {

    @ParentCommand
    NetloomCommand netloom;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(netloom.out);
    }

    TrustedKeys store() {
        return TrustedKeys.inHome(netloom.services.home());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Trust a signer's public key (an Ed25519 X.509 PEM file, such as their bundle-signing.pub).")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        KeysCommand keys;

        @Parameters(paramLabel = "PUBLIC_KEY_PEM", description = "The public key file.")
        Path file;

        @Option(names = "--name", paramLabel = "NAME", description = "What to call it (default: the file's name).")
        String name;

        @Override
        public Integer call() {
            NetloomCommand netloom = keys.netloom;
            try {
                TrustedKey added = keys.store().add(file, Optional.ofNullable(name));
                netloom.out.println("Trusted " + added.describe() + "; bundles it signs now verify.");
                return ExitCode.OK;
            } catch (TrustException e) {
                netloom.err.println("netloom keys add: " + e.getMessage());
                return ExitCode.INVALID;
            } catch (IOException e) {
                netloom.err.println("netloom keys add: " + file + ": " + e.getMessage());
                return ExitCode.INVALID;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The trusted keys: name and fingerprint.")
    static final class ListKeys implements Callable<Integer> {
        @ParentCommand
        KeysCommand keys;

        @Override
        public Integer call() {
            NetloomCommand netloom = keys.netloom;
            TrustedKeys store = keys.store();
            TextTable table = new TextTable("NAME", "FINGERPRINT", "");
            for (TrustedKey k : store.list()) {
                table.add(k.name(), k.fingerprint(), k.own() ? "this studio's own signing key" : "");
            }
            netloom.out.print(table.render());
            netloom.out.println("Kept in " + store.folder());
            store.problems().forEach(netloom.err::println);
            return ExitCode.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Stop trusting a key.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        KeysCommand keys;

        @Parameters(paramLabel = "NAME|FINGERPRINT", description = "The key's name or fingerprint (SHA256:...).")
        String which;

        @Override
        public Integer call() {
            NetloomCommand netloom = keys.netloom;
            try {
                TrustedKey removed = keys.store().remove(which);
                netloom.out.println("No longer trusted: " + removed.describe());
                return ExitCode.OK;
            } catch (TrustException e) {
                netloom.err.println("netloom keys remove: " + e.getMessage());
                return ExitCode.INVALID;
            } catch (IOException e) {
                netloom.err.println("netloom keys remove: " + e.getMessage());
                return ExitCode.FAILURE;
            }
        }
    }
}
