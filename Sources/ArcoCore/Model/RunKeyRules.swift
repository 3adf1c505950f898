/// What a run key typed by an operator (`arco run --run-key`, `arco rerun --run-key`) may be.
///
/// A run key is printed in one cell of the `status` table and named in messages, so it must be
/// one printable line: an empty key names nothing, and a newline (or any C0 or C1 control, such
/// as U+0085) splits the table it is printed in. Keys arco derives itself (backfill, reconcile,
/// automation, the default rerun key) are built from checked parts and are not checked here: an
/// automation key embeds a partition key, which may be longer than the limit.
public enum RunKeyRules {
    /// Why a run key is refused.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// The key is the empty string.
        case empty
        /// The key holds a C0 control, DEL or a C1 control (U+0000–U+001F, U+007F–U+009F).
        case controlCharacter
        /// The key is longer than `Limits.runKeyBytesMax` UTF-8 bytes.
        case tooLong(bytes: Int)

        public var description: String {
            switch self {
            case .empty: "a run key may not be empty"
            case .controlCharacter: "a run key may not contain control characters (newlines, tabs, U+0080–U+009F)"
            case .tooLong(let bytes): "a run key may be at most \(Limits.runKeyBytesMax) UTF-8 bytes, not \(bytes)"
            }
        }
    }

    /// Why `key` is not acceptable, or `nil` when it is.
    public static func problem(with key: String) -> Problem? {
        if key.isEmpty { return .empty }
        if NameRules.containsControlCharacter(key) { return .controlCharacter }
        let bytes = key.utf8.count
        if bytes > Limits.runKeyBytesMax { return .tooLong(bytes: bytes) }
        return nil
    }

    /// The key as it can be printed in one line of a message: control characters written as
    /// `\u{XX}`, and a key over the limit cut to its first 64 characters.
    public static func printable(_ key: String) -> String {
        let shown = key.utf8.count > Limits.runKeyBytesMax ? String(key.prefix(64)) + "…" : key
        return NameRules.printable(shown)
    }
}
