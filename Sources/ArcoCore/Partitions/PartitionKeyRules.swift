/// What a static or dynamic partition key may contain, as Dagster decides it.
///
/// Any character is allowed except the range separator `...` and control characters; inside a
/// multi dimension also `|`, `,`, `[` and `]`, which multi keys and ranges use as separators.
/// Shell metacharacters are legal, which is why steps receive keys only through the environment.
public enum PartitionKeyRules {
    /// The characters a key of a multi dimension may not contain.
    public static let multiSeparators: [Character] = ["|", ",", "[", "]"]

    /// Why `key` is not acceptable, or `nil` when it is.
    public static func problem(with key: String, insideMulti: Bool) -> String? {
        if key.isEmpty { return "a partition key may not be empty" }
        if key.contains("...") { return "'...' is reserved for ranges such as 'a...b'" }
        if NameRules.containsControlCharacter(key) { return "control characters are not allowed" }
        if insideMulti, let bad = multiSeparators.first(where: { key.contains($0) }) {
            return "'\(bad)' is not allowed in a key of a definition used as a multi dimension"
        }
        return nil
    }

    /// Whether the key holds a C0 control, DEL or a C1 control (U+0080–U+009F).
    public static func containsControlCharacter(_ key: String) -> Bool {
        NameRules.containsControlCharacter(key)
    }

    /// The key with control characters written as `\u{XX}`, safe to print in a message.
    public static func printable(_ key: String) -> String {
        NameRules.printable(key)
    }
}
