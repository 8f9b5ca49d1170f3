package org.hearthmail.mailstore.imap.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every command the server knows, by name. */
public final class Commands {
    private static final Map<String, Command> ALL = new LinkedHashMap<>();

    static {
        for (Command c : List.of(
                new CapabilityCommand(), new NoopCommand("NOOP", States.ANY), new LogoutCommand(), new IdCommand(),
                new StartTlsCommand(), new LoginCommand(), new AuthenticateCommand(),
                new SelectCommand(false), new SelectCommand(true), new CreateCommand(),
                new DeleteCommand(), new RenameCommand(),
                new SubscribeCommand("SUBSCRIBE"), new SubscribeCommand("UNSUBSCRIBE"),
                new ListCommand(false), new ListCommand(true), new StatusCommand(), new AppendCommand(),
                new EnableCommand(), new NamespaceCommand(), new IdleCommand(),
                new NoopCommand("CHECK", States.SELECTED), new CloseCommand(true), new CloseCommand(false),
                new ExpungeCommand(false), new SearchCommand(false), new SortCommand(false), new ThreadCommand(false), new FetchCommand(false), new StoreCommand(false),
                new CopyCommand(false, false), new CopyCommand(false, true), new UidCommand(),
                new CompressCommand(), new QuotaCommand("GETQUOTA"), new QuotaCommand("GETQUOTAROOT"), new QuotaCommand("SETQUOTA"))) {
            ALL.put(c.name(), c);
        }
    }

    private Commands() {
    }

    /** The command called {@code name} (upper case), or null. */
    public static Command of(String name) {
        return ALL.get(name);
    }
}
