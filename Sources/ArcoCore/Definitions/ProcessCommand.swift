/// How arco starts a process for a step or a poll sensor.
public enum ProcessCommand: Sendable, Hashable {
    /// `command:` — one string run by `/bin/sh -c` in the workspace root.
    case shell(String)
    /// `argv:` — the program and its arguments, run without a shell.
    case argv([String])
}
