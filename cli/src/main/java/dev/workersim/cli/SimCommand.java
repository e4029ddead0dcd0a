package dev.workersim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `sim`: the workersim command line. Each subcommand is thin over the {@code Simulator} API. */
@Command(name = "sim",
        mixinStandardHelpOptions = true,
        versionProvider = SimCommand.Version.class,
        description = "workersim: run Cloudflare Workers locally on the JVM.",
        subcommands = {DevCommand.class, KvCommand.class, D1Command.class, R2Command.class, SecretsStoreCommand.class,
            CommandLine.HelpCommand.class})
public final class SimCommand {
    public static void main(String[] args) {
        int code = new CommandLine(new SimCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
        if (code != 0) System.exit(code);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SimCommand.class.getPackage().getImplementationVersion();
            return new String[] {"workersim " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
