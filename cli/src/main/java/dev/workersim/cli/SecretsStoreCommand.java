package dev.workersim.cli;

import dev.workersim.bindings.secretsstore.SecretsStoreFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `sim secrets-store secret create STORE_ID --name N --value V --scopes workers`: the local half of
 * `wrangler secrets-store secret create`, writing the store file a worker's secrets_store_secrets
 * binding reads under the persist folder.
 */
@Command(name = "secrets-store", mixinStandardHelpOptions = true,
        description = "Set local Secrets Store secrets (the store `sim dev` uses).",
        subcommands = {SecretsStoreCommand.Secret.class})
final class SecretsStoreCommand {
    @Command(name = "secret", mixinStandardHelpOptions = true, description = "Secrets within a store.",
            subcommands = {Create.class})
    static final class Secret {
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create (or replace) a secret within a store; without --value it is read from standard input.")
    static final class Create implements Callable<Integer> {
        @Mixin
        ProjectOptions project;

        @Parameters(index = "0", paramLabel = "STORE_ID", description = "ID of the store in which the secret resides.")
        String storeId;

        @Option(names = "--name", required = true, description = "Name of the secret.")
        String name;

        @Option(names = "--value", description = "Value of the secret (else read from standard input).")
        String value;

        @Option(names = "--scopes", required = true, description = "Scopes for the secret, e.g. workers (recorded, not checked).")
        String scopes;

        @Option(names = "--comment", description = "Comment for the secret (ignored locally).")
        String comment;

        @Option(names = "--remote", description = "Refused: workersim is always local.")
        boolean remote;

        PrintStream out = System.out;
        PrintStream err = System.err;

        @Override
        public Integer call() {
            if (remote) {
                err.println("✘ workersim has no remote Secrets Store: drop --remote.");
                return 2;
            }
            Path root = project.persistRoot(err);
            if (root == null) return 2;
            try {
                String secret = value != null ? value : new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
                SecretsStoreFile.of(root, storeId).put(name, secret);
                // wrangler's words: the value is never echoed.
                out.println("🔐 Creating secret... (Name: " + name + ", Value: REDACTED, Scopes: " + scopes + ", Comment: "
                        + (comment == null ? "undefined" : comment) + ")");
                out.println("✅ Created secret! (ID: " + UUID.randomUUID().toString().replace("-", "") + ")");
                return 0;
            } catch (IOException | RuntimeException e) {
                err.println("✘ " + e.getMessage());
                return 1;
            }
        }
    }
}
